import type Dockerode from 'dockerode';
import type { ImageKind } from '../../../shared/contract/images';
import { LABEL } from '../build/build-service';
import { depsHistory, type HistoryRow } from '../build/weights/image-config';
import { LAYER_MTIME_SECONDS } from '../build/weights/tar-header';
import { WEIGHTS_REPO } from '../build/weights/weights-image';
import { isSkyliftStep, PROJECT_LABEL, realTags } from './image-labels';

/** One image as the plan needs it: its layers (diff ids, oldest first) and what it is to Skylift. */
export interface EngineImage {
  id: string;
  tags: string[];
  labels: Record<string, string>;
  /** null: not Skylift's (a base image, another tool's image). */
  kind: ImageKind | null;
  /** Shown by `docker images` (tagged, or dangling); false for a container's intermediate image. */
  shown: boolean;
  /** Untagged and no image built on it (the engine's "dangling"). */
  dangling: boolean;
  /** An unlabelled image with a step of Skylift's Dockerfile: what a stopped classic build leaves. */
  stoppedBuild: boolean;
  sizeBytes: number;
  createdAt: string | null;
  layers: string[];
  /** Each layer's size, aligned with `layers`; read for Skylift's images only (null for the rest). */
  layerSizes: number[] | null;
}

/** Inspects and history calls at once: enough to overlap the engine's answers, not enough to crowd it. */
const PARALLEL = 6;

/**
 * The engine's images that matter to Skylift's list and prune: every image `docker images` shows
 * (tagged ones and dangling ones; an intermediate's layers are a prefix of an image shown) and the
 * images containers were made from (a running build's intermediate). One inspect per image.
 */
export async function readEngineImages(docker: Dockerode, containerImageIds: Iterable<string>): Promise<EngineImage[]> {
  const shown = await docker.listImages();
  const ids = new Set([...shown.map((image) => image.Id), ...containerImageIds]);
  const shownIds = new Set(shown.map((image) => image.Id));
  const images = await mapLimit([...ids], PARALLEL, (id) => readImage(docker, id, shownIds.has(id)));
  return images.filter((image): image is EngineImage => image !== null);
}

async function readImage(docker: Dockerode, id: string, shown: boolean): Promise<EngineImage | null> {
  const info = await docker.getImage(id).inspect().catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return null; // removed since the list: nothing to show or prune
    throw error;
  });
  if (!info) return null;
  const labels = info.Config?.Labels ?? {};
  const tags = realTags(info);
  const kind = kindOf(labels, tags);
  const layers = info.RootFS?.Layers ?? [];
  const rows = kind || (shown && tags.length === 0) ? ((await docker.getImage(id).history().catch(() => [])) as HistoryRow[]) : [];
  return {
    id: info.Id,
    tags,
    labels,
    kind,
    shown,
    dangling: shown && tags.length === 0,
    stoppedBuild: !kind && tags.length === 0 && rows.some((row) => isSkyliftStep(row.CreatedBy ?? '')),
    sizeBytes: info.Size,
    createdAt: createdAt(info),
    layers,
    layerSizes: rows.length ? layerSizes(rows, layers.length) : null,
  };
}

/**
 * Labels say what an image is: weights and deps images carry dev.skylift.kind, code images the
 * project. An image someone built FROM a weights or deps image inherits the label but not the
 * tag: with a tag of its own it is theirs, never a weights or deps image to prune.
 */
export function kindOf(labels: Record<string, string>, tags: readonly string[]): ImageKind | null {
  const ownTags = (prefix: string) => tags.length === 0 || tags.some((tag) => tag.startsWith(prefix));
  if (labels[LABEL.kind] === 'weights') return ownTags(`${WEIGHTS_REPO}:`) ? 'weights' : null;
  if (labels[LABEL.kind] === 'deps') return ownTags('skylift-deps/') ? 'deps' : null;
  return labels[PROJECT_LABEL] ? 'code' : null;
}

/** null for a weights image: its config date is fixed (so its id is reproducible) and `docker load` records no tag time. */
function createdAt(info: Dockerode.ImageInspectInfo): string | null {
  const created = Date.parse(info.Created);
  return created <= LAYER_MTIME_SECONDS * 1000 ? null : new Date(created).toISOString();
}

/** Each layer's size from the history rows (newest first); rows that made no layer are told apart as the weights image's config does. */
export function layerSizes(rows: readonly HistoryRow[], layers: number): number[] | null {
  const entries = depsHistory(rows, layers);
  const oldestFirst = [...rows].reverse();
  const sizes = oldestFirst.filter((_, i) => !entries[i]!.empty_layer).map((row) => row.Size);
  return sizes.length === layers ? sizes : null;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
