import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { JobEventInput } from '../../../../../shared/contract/jobs';
import { redactor } from '../../../redact';
import { pushFailed, pushImageMissing, pushStalled } from './publish-errors';
import { imageLayersOf, pushLineSplitter, PushProgressTracker, type ImageLayers, type PushedLayer, type PushSnapshot } from './push-progress';
import { describeProgress, describePushed, pushFraction } from './push-progress-text';

/** Long enough to outlast the engine's own retries of a layer (5+10+15+20 s), short enough to not look hung. */
export const DEFAULT_PUSH_STALL_MS = 90_000;
/** Progress events at most this often; layer state changes are logged as they happen. */
const PROGRESS_EVERY_MS = 500;

export interface RegistryCredentials {
  /** host[:port] as it prefixes image names: 123456789012.dkr.ecr.eu-west-1.amazonaws.com */
  host: string;
  username: string;
  password: string;
}

export interface PushImageOptions {
  docker: Dockerode;
  /** A local image name or id, as built. */
  image: string;
  registry: RegistryCredentials;
  repository: string;
  tag: string;
  /** No bytes out for this long fails the push (default DEFAULT_PUSH_STALL_MS). */
  stallMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: JobEventInput) => void;
  onProgress?: (snapshot: PushSnapshot) => void;
}

export interface PushImageResult extends PushSnapshot {
  digest: string;
  /** `<host>/<repository>@<digest>`: what a function is pinned to. */
  imageUri: string;
  seconds: number;
}

/**
 * Pushes a built image through the Docker engine: tags it `<host>/<repository>:<tag>`, streams the
 * engine's progress, and answers the digest the registry stored. The tag Skylift added is removed
 * again whatever happens (the image keeps its own name), so a cancelled push leaves nothing behind.
 */
export async function pushImage(options: PushImageOptions): Promise<PushImageResult> {
  const { docker, registry, repository, tag } = options;
  redactor.remember(registry.password);
  const target = `${registry.host}/${repository}:${tag}`;
  options.signal?.throwIfAborted();
  const added = await tagForRegistry(docker, options.image, `${registry.host}/${repository}`, tag);
  const startedAt = Date.now();
  try {
    // The layers and size let progress say how many bytes the registry already had (null: left unsaid).
    const image = await docker.getImage(target).inspect().then(imageLayersOf, () => null);
    const snapshot = await streamPush(options, target, image);
    if (!snapshot.digest) throw pushFailed('the engine ended the push without reporting a digest', target);
    const pushed = { ...snapshot, digest: snapshot.digest, imageUri: `${registry.host}/${repository}@${snapshot.digest}`, seconds: (Date.now() - startedAt) / 1000 };
    options.onEvent?.({ type: 'log', stream: 'info', line: describePushed(pushed, pushed.imageUri, pushed.seconds) });
    return pushed;
  } finally {
    if (added) await docker.getImage(target).remove({ noprune: true }).catch(() => undefined);
  }
}

/** Tags the image for the registry; says whether the tag is new (and so Skylift's to remove). */
async function tagForRegistry(docker: Dockerode, image: string, repo: string, tag: string): Promise<boolean> {
  const existed = await docker.getImage(`${repo}:${tag}`).inspect().then(() => true, () => false);
  try {
    await docker.getImage(image).tag({ repo, tag });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw pushImageMissing(image);
    throw error;
  }
  return !existed;
}

function streamPush(options: PushImageOptions, target: string, image: ImageLayers | null): Promise<PushSnapshot> {
  const { docker, registry, signal, onEvent, onProgress } = options;
  const stallMs = options.stallMs ?? DEFAULT_PUSH_STALL_MS;
  const authconfig = { username: registry.username, password: registry.password, serveraddress: registry.host };
  const tracker = new PushProgressTracker(Date.now, image);
  return new Promise<PushSnapshot>((resolve, reject) => {
    let stream: Readable | null = null;
    let stallTimer: NodeJS.Timeout | undefined;
    let lastProgressAt = 0;
    let doing: string | null = null;
    let settled = false;
    const finish = (error: unknown, snapshot?: PushSnapshot) => {
      if (settled) return;
      settled = true;
      clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
      stream?.destroy();
      if (error) reject(error);
      else resolve(snapshot!);
    };
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => finish(pushStalled(target, stallMs, doing)), stallMs);
    };
    const onAbort = () => finish(signal?.reason ?? new DOMException('The push was cancelled.', 'AbortError'));
    const report = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastProgressAt < PROGRESS_EVERY_MS) return;
      lastProgressAt = now;
      const snapshot = tracker.snapshot();
      onProgress?.(snapshot);
      onEvent?.({ type: 'progress', fraction: pushFraction(snapshot), message: describeProgress(snapshot) });
    };
    const onChunk = pushLineSplitter(
      (message) => {
        const update = tracker.apply(message);
        if (update.bytesAdvanced) {
          doing = null;
          armStall();
        }
        if (update.retrying) doing = `retrying layer ${message.id}: "${update.retrying}"`;
        if (update.layerChanged) onEvent?.({ type: 'log', stream: 'info', line: describeLayer(update.layerChanged) });
        report(Boolean(update.layerChanged));
      },
      (line) => onEvent?.({ type: 'log', stream: 'stdout', line: redactor.redact(line) }),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    armStall();
    onEvent?.({ type: 'log', stream: 'info', line: `Pushing ${target}` });
    // `tag` matters: without it the engine pushes every local tag of the repository.
    docker
      .getImage(`${registry.host}/${options.repository}`)
      .push({ authconfig, tag: options.tag })
      .then((response) => {
        stream = response as unknown as Readable;
        if (settled) return stream.destroy();
        stream.on('data', onChunk);
        stream.on('error', (error) => finish(error));
        stream.on('close', () => {
          const snapshot = tracker.snapshot();
          if (snapshot.error) return finish(pushFailed(redactor.redact(snapshot.error), target));
          report(true);
          finish(null, snapshot);
        });
      }, (error: unknown) => finish(error));
  });
}

const LAYER_WORDS: Record<PushedLayer['state'], string> = {
  preparing: 'preparing',
  waiting: 'waiting for another layer',
  pushing: 'uploading',
  retrying: 'retrying',
  pushed: 'pushed',
  'already-exists': 'skipped: already in the repository',
  mounted: 'skipped: mounted',
};

function describeLayer(layer: PushedLayer): string {
  const from = layer.state === 'mounted' && layer.mountedFrom ? ` from ${layer.mountedFrom}` : '';
  return `layer ${layer.id}: ${LAYER_WORDS[layer.state]}${from}`;
}
