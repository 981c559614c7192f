import type Dockerode from 'dockerode';
import { KIND_LABEL } from '../kind-label';
import { LAYER_MTIME_SECONDS } from './tar-header';

export const WEIGHTS_LABEL = { kind: KIND_LABEL, hash: 'dev.skylift.weights-hash' } as const;

/** The engine's history rows (newest first), as GET /images/{name}/history gives them. */
export interface HistoryRow {
  Created: number;
  CreatedBy: string;
  Comment: string;
  Size: number;
}

interface HistoryEntry {
  created: string;
  created_by: string;
  comment?: string;
  empty_layer?: boolean;
}

const FIXED_TIME = new Date(LAYER_MTIME_SECONDS * 1000).toISOString();

/**
 * The weights image's config: the deps image's, with one more layer. Its bytes depend only on the
 * deps image and the weights, so the image id is the same wherever the same two meet.
 */
export function weightsImageConfig(deps: Dockerode.ImageInspectInfo, history: readonly HistoryRow[], diffId: string, hash: string, files: number): Buffer {
  const labels = { ...(deps.Config?.Labels ?? {}), [WEIGHTS_LABEL.kind]: 'weights', [WEIGHTS_LABEL.hash]: hash };
  const config = {
    architecture: deps.Architecture,
    os: deps.Os,
    ...((deps as { Variant?: string }).Variant ? { variant: (deps as { Variant?: string }).Variant } : {}),
    config: { ...deps.Config, Labels: labels },
    created: FIXED_TIME,
    history: [...depsHistory(history, deps.RootFS.Layers?.length ?? 0), { created: FIXED_TIME, created_by: `skylift weights layer (${files} file${files === 1 ? '' : 's'}, content ${hash.slice(0, 16)})`, comment: 'written by Skylift' }],
    rootfs: { type: 'layers', diff_ids: [...(deps.RootFS.Layers ?? []), diffId] },
  };
  return Buffer.from(JSON.stringify(config));
}

/**
 * The engine's history API drops the empty_layer flag the config holds; it is rebuilt here so the
 * new image's `docker history` (and the build card's largest layers) line rows up with layers.
 * Rows with a size are layers; of the zero-size rows, the ones most likely to have made a layer
 * (RUN, COPY, ADD, WORKDIR; oldest first) take the remaining layers, so the count is always exact.
 */
export function depsHistory(rows: readonly HistoryRow[], layers: number): HistoryEntry[] {
  const oldestFirst = [...rows].reverse();
  const isLayer = oldestFirst.map((row) => row.Size > 0);
  let missing = layers - isLayer.filter(Boolean).length;
  const likely = (row: HistoryRow): boolean => !/#\(nop\)\s+(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|ARG|USER|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|MAINTAINER)\b/.test(row.CreatedBy) && !/^(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|ARG|USER|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|MAINTAINER)\b/.test(row.CreatedBy);
  for (const pass of [likely, () => true]) {
    oldestFirst.forEach((row, i) => {
      if (missing > 0 && !isLayer[i] && pass(row)) {
        isLayer[i] = true;
        missing--;
      }
    });
  }
  return oldestFirst.map((row, i) => ({
    created: new Date(row.Created * 1000).toISOString(),
    created_by: row.CreatedBy,
    ...(row.Comment ? { comment: row.Comment } : {}),
    ...(isLayer[i] ? {} : { empty_layer: true }),
  }));
}
