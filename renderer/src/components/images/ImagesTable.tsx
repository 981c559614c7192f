import { useState } from 'react';
import { describeAge, type SkyliftImage } from '../../../../shared/contract';
import { dependentsText, imageHeadline, SHARED_LAYERS_NOTE } from '../../../../shared/contract/images';
import { skylift } from '../../api/client';
import { ConfirmDelete } from '../ConfirmDelete';
import { formatBytes } from '../../../../shared/text/bytes';
import { PathText } from '../PathText';
import './images.css';

interface ImagesTableProps {
  images: SkyliftImage[];
  /** Skylift's images on disk, each layer once (ImageList.diskBytes). */
  diskBytes: number;
  onChanged: () => void;
}

/**
 * One row per image Skylift built: the code images (project and variant, folder, size, age, runs),
 * then the weights and dependencies images under them, with what they add and what is built on them.
 */
export function ImagesTable({ images, diskBytes, onChanged }: ImagesTableProps) {
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const onDeleted = (result: Deleted) => {
    setDeleted(result);
    onChanged();
  };
  return (
    <>
    {deleted && (
      <div role="status" data-testid="image-deleted">
        <p>Deleted <code>{deleted.name}</code>{deleted.removed.length > 1 ? ` (${deleted.removed.length - 1} more removed with it: ${deleted.removed.slice(1).join(', ')})` : ''}.</p>
        {deleted.kept.length > 0 && <ul>{deleted.kept.map((kept) => <li key={kept.id}>Kept {kept.name} (<code>{kept.id}</code>): {kept.reason}</li>)}</ul>}
      </div>
    )}
    <div className="table-scroll">
      <table className="data-table images-table" data-testid="images-table">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Built from · used by</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">Built</th>
            <th scope="col">Runs</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => (image.kind === 'code'
            ? <ImageRow key={image.id} image={image} onDeleted={onDeleted} />
            : <PartRow key={image.id} image={image} onDeleted={onDeleted} />))}
        </tbody>
      </table>
    </div>
    <p className="panel-note" data-testid="images-disk">
      {images.some((image) => image.kind === 'weights') && <>{SHARED_LAYERS_NOTE} </>}
      On disk: <strong>{formatBytes(diskBytes)}</strong> for Skylift’s images, each layer counted once; layers a base image also holds are not counted.
      The Size column is each image’s own layers (a code image: all of them, as <code>docker images</code> shows).
    </p>
    </>
  );
}

/** A weights or dependencies image: what it is, what it adds on disk, which images are built on it. */
/** What a delete removed and which weights or deps images under it stay (and why): said after its row is gone. */
interface Deleted {
  name: string;
  removed: string[];
  kept: Array<{ id: string; name: string; reason: string }>;
}

const deleteImage = async (image: SkyliftImage, name: string, onDeleted: (result: Deleted) => void) =>
  onDeleted({ name, ...(await skylift.api.images.delete({ id: image.id })) });

function PartRow({ image, onDeleted }: { image: SkyliftImage; onDeleted: (result: Deleted) => void }) {
  const name = image.tags[0] ?? image.id.slice(7, 19);
  const headline = imageHeadline(image);
  return (
    <tr data-testid="image-row" data-tag={name} data-kind={image.kind}>
      <td className="image-name-cell">
        <strong title={image.weightsLayer ?? undefined}>{headline}</strong>
        <div className="muted"><code>{image.tags.join(', ') || 'untagged'}</code> {image.id.slice(7, 19)}</div>
      </td>
      <td className="image-dir-cell" data-testid="image-dependents">{dependentsText(image)}</td>
      <td className="num" title={image.kind === 'weights' ? 'The weights layer itself, stored once however many images are built on it' : 'Over its base image'}>
        {formatBytes(image.ownBytes)}
      </td>
      <td title={image.kind === 'weights' ? 'A weights layer has a fixed date (so its digest is reproducible): this is when the first image still here was built on it' : image.createdAt ? new Date(image.createdAt).toLocaleString() : undefined}>
        {describeAge(image.createdAt)}
      </td>
      <td><span className="muted">—</span></td>
      <td>
        {image.dependents.length === 0 && (
          <ConfirmDelete small triggerLabel="Delete…" testId="image-delete" groupLabel={`Delete ${headline}`}
            question={<>Delete <code>{name}</code>? No image is built on it; the next build makes it again.</>}
            onConfirm={() => deleteImage(image, name, onDeleted)} />
        )}
      </td>
    </tr>
  );
}

function ImageRow({ image, onDeleted }: { image: SkyliftImage; onDeleted: (result: Deleted) => void }) {
  const name = image.tags[0] ?? image.id.slice(7, 19);
  return (
    <tr data-testid="image-row" data-tag={name} data-kind="code">
      <td className="image-name-cell">
        <strong>{image.project ?? 'unknown project'}</strong> · {image.variant ?? 'unknown variant'}
        <div className="muted"><code>{image.tags.join(', ')}</code> {image.id.slice(7, 19)}</div>
        {image.usedBy.length > 0 && <span className="badge badge-warn">In use by {image.usedBy.length} container{image.usedBy.length === 1 ? '' : 's'}</span>}
      </td>
      <td className="image-dir-cell">{image.projectDir ? <code><PathText text={image.projectDir} /></code> : <span className="muted">not recorded (an older build)</span>}</td>
      <td className="num">{formatBytes(image.sizeBytes)}</td>
      <td title={image.createdAt ? new Date(image.createdAt).toLocaleString() : undefined}>{describeAge(image.createdAt)}</td>
      <td>
        {image.runs.length === 0 ? <span className="muted">none</span> : image.runs.slice(0, 3).map((run) => (
          <a key={run.id} className="image-run-link" href={`#/runs/${run.id}`}>{run.id.slice(0, 8)}</a>
        ))}
        {image.runs.length > 3 && <span className="muted"> +{image.runs.length - 3} more</span>}
      </td>
      <td>
        <ConfirmDelete small triggerLabel="Delete…" testId="image-delete" groupLabel={`Delete ${name}`}
          question={<>Delete <code>{name}</code>? Runs keep what they measured.</>}
          onConfirm={() => deleteImage(image, name, onDeleted)} />
      </td>
    </tr>
  );
}
