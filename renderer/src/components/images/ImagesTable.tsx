import { describeAge, type SkyliftImage } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { ConfirmDelete } from '../ConfirmDelete';
import { formatBytes } from '../format';
import { PathText } from '../PathText';
import './images.css';

interface ImagesTableProps {
  images: SkyliftImage[];
  onChanged: () => void;
}

/** One row per image Skylift built: which project and variant, from which folder, size, age, runs. */
export function ImagesTable({ images, onChanged }: ImagesTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table images-table" data-testid="images-table">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Built from</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">Built</th>
            <th scope="col">Runs</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => (
            <ImageRow key={image.id} image={image} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImageRow({ image, onChanged }: { image: SkyliftImage; onChanged: () => void }) {
  const name = image.tags[0] ?? image.id.slice(7, 19);
  return (
    <tr data-testid="image-row" data-tag={name}>
      <td className="image-name-cell">
        <strong>{image.project ?? 'unknown project'}</strong> · {image.variant ?? 'unknown variant'}
        <div className="muted"><code>{image.tags.join(', ')}</code> {image.id.slice(7, 19)}</div>
        {image.usedBy.length > 0 && <span className="badge badge-warn">In use by {image.usedBy.length} container{image.usedBy.length === 1 ? '' : 's'}</span>}
      </td>
      <td className="image-dir-cell">{image.projectDir ? <code><PathText text={image.projectDir} /></code> : <span className="muted">not recorded (an older build)</span>}</td>
      <td className="num">{formatBytes(image.sizeBytes)}</td>
      <td title={new Date(image.createdAt).toLocaleString()}>{describeAge(image.createdAt)}</td>
      <td>
        {image.runs.length === 0 ? <span className="muted">none</span> : image.runs.slice(0, 3).map((run) => (
          <a key={run.id} className="image-run-link" href={`#/runs/${run.id}`}>{run.id.slice(0, 8)}</a>
        ))}
        {image.runs.length > 3 && <span className="muted"> +{image.runs.length - 3} more</span>}
      </td>
      <td>
        <ConfirmDelete small triggerLabel="Delete…" testId="image-delete" groupLabel={`Delete ${name}`}
          question={<>Delete <code>{name}</code>? Runs keep what they measured.</>}
          onConfirm={async () => {
            await skylift.api.images.delete({ id: image.id });
            onChanged();
          }} />
      </td>
    </tr>
  );
}
