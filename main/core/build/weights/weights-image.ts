import type Dockerode from 'dockerode';
import type { BuiltWeights } from '../../../../shared/contract/build';
import { formatBytes } from '../../../../shared/text/bytes';
import type { JobContext } from '../../jobs/job-runner';
import type { PlannedFile } from '../context-policy';
import { weightsArchive } from './docker-archive';
import { HashIndex } from './hash-index';
import { weightsImageConfig } from './image-config';
import { layerEntries } from './layer-tar';
import { engineCall, imageHistory, inspectImage } from './engine-call';
import { loadArchive } from './load-archive';
import { hashFiles, totalBytes, weightFiles, weightsHash, type WeightFile } from './weights-hash';

export interface WeightsImageInput {
  docker: Dockerode;
  /** The deps image the weights layer goes on top of. */
  depsImage: string;
  weights: readonly PlannedFile[];
  /** Skylift's data folder: the weights index lives there. */
  dataDir: string;
  /** Ignore the index and any existing weights image: read and load the weights again. */
  noCache: boolean;
  job: Pick<JobContext, 'signal' | 'log' | 'step' | 'progress'>;
  /** How long the load may go without a byte moving, and an engine call without an answer (LOAD_STALL_MS and ENGINE_CALL_MS unless given; a fault test shortens them). */
  loadStallMs?: number;
}

export const WEIGHTS_REPO = 'skylift-weights';

/** skylift-weights:<weights hash>-<deps image>: the same weights on the same deps image, the same tag, whichever folder asks. */
export const weightsTag = (hash: string, depsId: string): string => `${WEIGHTS_REPO}:${hash.slice(0, 16)}-${depsId.replace(/^sha256:/, '').slice(0, 12)}`;

/**
 * The image holding the project's weights as one layer on the deps image: reused when its tag
 * exists (no weights byte read), otherwise written by Skylift and loaded with `docker load`.
 */
export async function ensureWeightsImage(input: WeightsImageInput): Promise<BuiltWeights> {
  const { docker, job } = input;
  const index = HashIndex.load(input.dataDir);
  if (index.discarded) job.log(`weights: the weights index was set aside (${index.discarded}); hashing the weights again`, 'info');
  const files = weightFiles(input.weights, input.noCache ? null : index);
  const call = <T>(what: string, work: (signal: AbortSignal) => Promise<T>) => engineCall(what, work, input.loadStallMs);
  const deps = await call('inspect the deps image', (signal) => inspectImage(docker, input.depsImage, signal));
  const summary = `${files.length} file${files.length === 1 ? '' : 's'}, ${formatBytes(totalBytes(files))}`;
  // Some files vouched for by the index: hash the rest now (only they are read) and the tag can be looked up.
  const stale = files.filter((f) => !f.sha256);
  if (!input.noCache && stale.length < files.length && stale.length > 0) {
    job.step(1, `hash ${stale.length} changed weights file${stale.length === 1 ? '' : 's'} (${formatBytes(totalBytes(stale))})`, 1);
    await hashFiles(files, index, job.signal);
  }
  if (!input.noCache && files.every((f) => f.sha256)) {
    const tag = weightsTag(weightsHash(files as Required<WeightFile>[]), deps.Id);
    const existing = await call(`look up ${tag}`, (signal) => inspectImage(docker, tag, signal)).catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return undefined;
      throw error;
    });
    if (existing) {
      saveIndex(index, job);
      job.step(1, `reuse ${tag}`, 1);
      job.log(`weights: reused ${tag} (${summary})`, 'info');
      return { image: tag, layerDigest: existing.RootFS.Layers?.at(-1) ?? '', bytes: totalBytes(files), files: files.length, reused: true };
    }
  }
  const loaded = await loadWeights(input, deps, files, summary, index);
  saveIndex(index, job);
  return { image: loaded.tag, layerDigest: loaded.diffId, bytes: totalBytes(files), files: files.length, reused: false };
}

async function loadWeights(input: WeightsImageInput, deps: Dockerode.ImageInspectInfo, files: WeightFile[], summary: string, index: HashIndex): Promise<{ tag: string; diffId: string }> {
  const { docker, job } = input;
  job.step(1, `write the weights layer (${summary})`, 1);
  job.log(`weights: writing the weights layer (${summary})`, 'info');
  const history = await engineCall('read the deps image history', (signal) => imageHistory(docker, deps.Id, signal), input.loadStallMs);
  const byName = new Map(files.map((file) => [file.name, file]));
  const parents = deps.RootFS.Layers?.length ?? 0;
  let result: { tag: string; diffId: string } | undefined;
  let reported = 0;
  const makeArchive = (alive: () => void) => weightsArchive(
    {
      entries: layerEntries(files),
      hooks: {
        signal: job.signal,
        onFile: (entry, sha256, startedAt) => {
          const file = byName.get(entry.name);
          if (!file) return;
          file.sha256 = sha256;
          index.record(file.abs, file.stat, sha256, startedAt);
        },
      },
      finish: (diffId) => {
        const hash = weightsHash(files as Required<WeightFile>[]);
        result = { tag: weightsTag(hash, deps.Id), diffId };
        job.log(`weights: loading layer ${diffId} as ${result.tag}`, 'info');
        return { config: weightsImageConfig(deps, history, diffId, hash, files.length), tag: result.tag };
      },
      onProgress: (written, total) => {
        alive();
        if (written - reported < 32 * 1024 ** 2 && written !== total) return;
        reported = written;
        job.progress(written / total, `${formatBytes(written)} of ${formatBytes(total)}`);
      },
    },
    parents,
  );
  await loadArchive(docker, makeArchive, job.signal, input.loadStallMs);
  if (!result) throw new Error('weights layer: the archive ended before its config was written');
  const image = await engineCall(`inspect ${result.tag}`, (signal) => inspectImage(docker, result!.tag, signal), input.loadStallMs);
  if (image.RootFS.Layers?.at(-1) !== result.diffId) throw new Error(`weights layer: ${result.tag} does not end with ${result.diffId}`);
  return result;
}

/** The index only saves work: failing to write it costs a re-hash next time, never this build. */
function saveIndex(index: HashIndex, job: WeightsImageInput['job']): void {
  try {
    index.save();
  } catch (error) {
    job.log(`warning: the weights index could not be saved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next build hashes the weights again`, 'info');
  }
}
