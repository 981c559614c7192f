import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { encodeHeader, END_OF_ARCHIVE, padded } from './tar-header';
import { layerChunks, layerLength, type LayerEntry, type LayerWriteHooks } from './layer-tar';

const LAYER_PATH = 'weights/layer.tar';

export interface ArchiveInput {
  entries: readonly LayerEntry[];
  hooks: LayerWriteHooks;
  /** Called once the layer has streamed, with its diff_id: returns the image config and its tag. */
  finish(diffId: string): { config: Buffer; tag: string };
  /** Bytes of layer written so far, of the layer's total. */
  onProgress?(written: number, total: number): void;
}

/**
 * A `docker load` archive holding only the new layer: layer.tar first (hashed as it streams, so
 * the weights are read once), then the config naming its diff_id, then manifest.json. The engine
 * skips reading layer files whose chain it already has, so the deps image's layers are named in
 * the manifest but never sent.
 */
export function weightsArchive(input: ArchiveInput, parentLayers: number): Readable {
  return Readable.from(archiveChunks(input, parentLayers), { objectMode: false });
}

async function* archiveChunks(input: ArchiveInput, parentLayers: number): AsyncGenerator<Buffer> {
  const total = layerLength(input.entries);
  const diff = createHash('sha256');
  yield encodeHeader({ name: LAYER_PATH, type: 'file', mode: 0o644, size: total });
  let written = 0;
  for await (const chunk of layerChunks(input.entries, diff, input.hooks)) {
    written += chunk.length;
    input.onProgress?.(written, total);
    yield chunk;
  }
  if (written !== total) throw new Error(`weights layer: wrote ${written} bytes, planned ${total}`); // a bug, never the user's files
  yield* padding(total);
  const diffId = `sha256:${diff.digest('hex')}`;
  const { config, tag } = input.finish(diffId);
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  yield* file(configName, config);
  // Every layer needs a name in the manifest; the deps image's files are absent, and need not exist.
  const layers = [...Array.from({ length: parentLayers }, (_, i) => `parent-${i}/layer.tar`), LAYER_PATH];
  yield* file('manifest.json', Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layers }])));
  yield END_OF_ARCHIVE;
}

function* file(name: string, content: Buffer): Generator<Buffer> {
  yield encodeHeader({ name, type: 'file', mode: 0o644, size: content.length });
  yield content;
  yield* padding(content.length);
}

function* padding(size: number): Generator<Buffer> {
  if (padded(size) > size) yield Buffer.alloc(padded(size) - size);
}
