import { z } from 'zod';

/**
 * Reads the Docker engine's push stream (JSON lines: per-layer `status` with `progressDetail`,
 * an `aux.Digest` at the end, or an `error`) into per-layer state and totals. Pure: the clock is
 * passed in, so recorded streams replay the same way in tests.
 */

export const layerStateSchema = z.enum(['preparing', 'waiting', 'pushing', 'retrying', 'pushed', 'already-exists', 'mounted']);
export type LayerState = z.infer<typeof layerStateSchema>;

export const pushedLayerSchema = z.object({
  /** The engine's short layer id (12 hex characters). */
  id: z.string(),
  state: layerStateSchema,
  /** Bytes of the layer read for upload so far (the engine counts the uncompressed tar it sends). */
  bytesPushed: z.number().int().nonnegative(),
  /** The layer's size as the engine announces it; null until it starts pushing (skipped layers never do). */
  totalBytes: z.number().int().nonnegative().nullable(),
  /** For a mounted layer: the repository the registry mounted it from. */
  mountedFrom: z.string().optional(),
});
export type PushedLayer = z.infer<typeof pushedLayerSchema>;

export const pushSnapshotSchema = z.object({
  layers: z.array(pushedLayerSchema),
  bytesPushed: z.number().int().nonnegative(),
  /** Bytes per second since the first byte went out; null before that. */
  bytesPerSecond: z.number().nonnegative().nullable(),
  /** Layers the registry already had (exists in this repository, or mounted from another). */
  skippedLayers: z.array(z.string()),
  /**
   * The skipped layers' size (uncompressed, as the engine counts layers): the image's size less the
   * sizes of the layers that upload. Null until every layer to upload has announced its size, or
   * when the image's layers are not known.
   */
  skippedBytes: z.number().int().nonnegative().nullable(),
  /** From the stream's aux `{Digest}`: what the registry stored, never derived from the tag. */
  digest: z.string().nullable(),
  /** The engine's error line, when the push failed. */
  error: z.string().nullable(),
});
export type PushSnapshot = z.infer<typeof pushSnapshotSchema>;

export type PushMessage = {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Digest?: string; Tag?: string; Size?: number };
};

/** What one message changed, so the caller can log state changes and restart its stall clock. */
export interface PushUpdate {
  /** A layer moved to a new state (not repeated for each byte count). */
  layerChanged?: PushedLayer;
  /** Bytes went out: the only thing that counts as progress against a stall. */
  bytesAdvanced: boolean;
  /** The engine's own words when it is retrying ("Retrying in 5 seconds"). */
  retrying?: string;
}

const MOUNTED = /^Mounted from (\S.*)$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * The pushed image as the engine stores it: the short ids its progress lines use (the first 12 hex
 * of each layer's diff_id) and its size, the sum of its layers' sizes in the unit of `total`.
 */
export interface ImageLayers {
  layerIds: string[];
  bytes: number;
}

/** `docker image inspect`'s RootFS.Layers and Size as ImageLayers; null for anything else. */
export function imageLayersOf(inspected: unknown): ImageLayers | null {
  const facts = inspected as { RootFS?: { Layers?: unknown }; Size?: unknown } | null;
  const layers = facts?.RootFS?.Layers;
  const bytes = byteCount(facts?.Size);
  if (!Array.isArray(layers) || bytes === null || !layers.every((l) => typeof l === 'string' && /^sha256:[0-9a-f]{64}$/.test(l))) return null;
  return { layerIds: [...new Set(layers.map((l: string) => l.slice(7, 19)))], bytes };
}

export class PushProgressTracker {
  private readonly layers = new Map<string, PushedLayer>();
  private digest: string | null = null;
  private error: string | null = null;
  private firstByteAt: number | null = null;
  private lastByteAt: number | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly image: ImageLayers | null = null,
  ) {}

  apply(message: PushMessage): PushUpdate {
    // The engine's JSON is trusted for nothing: every field is checked for its type before use.
    if (message.error || message.errorDetail) {
      const text = [message.errorDetail?.message, message.error].find((t) => typeof t === 'string' && t.length > 0);
      this.error = text ?? 'unknown push error';
      return { bytesAdvanced: false };
    }
    const digest = typeof message.aux === 'object' && message.aux !== null ? message.aux.Digest : undefined;
    if (typeof digest === 'string' && DIGEST.test(digest)) this.digest = digest;
    if (typeof message.id !== 'string' || !message.id || typeof message.status !== 'string') return { bytesAdvanced: false };
    return this.applyLayerStatus(message.id, message.status, message.progressDetail);
  }

  private applyLayerStatus(id: string, status: string, detail: PushMessage['progressDetail']): PushUpdate {
    const known = this.layers.get(id);
    const layer = known ?? { id, state: 'preparing' as LayerState, bytesPushed: 0, totalBytes: null };
    const before = layer.state;
    let bytesAdvanced = false;
    const mounted = MOUNTED.exec(status);
    if (status === 'Pushing') {
      layer.state = 'pushing';
      const current = byteCount(detail?.current) ?? 0;
      layer.totalBytes = byteCount(detail?.total) ?? layer.totalBytes;
      bytesAdvanced = current > layer.bytesPushed || before === 'retrying';
      layer.bytesPushed = current;
      if (bytesAdvanced) this.markBytes();
    } else if (status === 'Pushed') {
      layer.state = 'pushed';
      if (layer.totalBytes !== null && layer.bytesPushed < layer.totalBytes) layer.bytesPushed = layer.totalBytes;
    } else if (status === 'Layer already exists') {
      layer.state = 'already-exists';
    } else if (mounted) {
      layer.state = 'mounted';
      layer.mountedFrom = mounted[1];
    } else if (status.startsWith('Retrying')) {
      layer.state = 'retrying';
    } else if (status === 'Waiting') {
      layer.state = 'waiting';
    } else if (status === 'Preparing') {
      layer.state = 'preparing';
    }
    this.layers.set(id, layer);
    return {
      bytesAdvanced,
      ...(layer.state !== before || !known ? { layerChanged: { ...layer } } : {}),
      ...(layer.state === 'retrying' ? { retrying: status } : {}),
    };
  }

  private markBytes(): void {
    const at = this.now();
    this.firstByteAt ??= at;
    this.lastByteAt = at;
  }

  snapshot(): PushSnapshot {
    const layers = [...this.layers.values()].map((layer) => ({ ...layer }));
    const bytesPushed = layers.reduce((sum, layer) => sum + layer.bytesPushed, 0);
    const elapsedMs = this.firstByteAt === null ? 0 : Math.max(this.now(), this.lastByteAt ?? 0) - this.firstByteAt;
    return {
      layers,
      bytesPushed,
      bytesPerSecond: elapsedMs > 0 ? Math.round((bytesPushed / elapsedMs) * 1000) : null,
      skippedLayers: layers.filter(isSkipped).map((l) => l.id),
      skippedBytes: this.skippedBytes(layers),
      digest: this.digest,
      error: this.error,
    };
  }

  /** The engine never sizes a skipped layer: they weigh what the image weighs less what uploads. */
  private skippedBytes(layers: PushedLayer[]): number | null {
    if (!this.image || !this.image.layerIds.every((id) => this.layers.has(id))) return null;
    const uploading = layers.filter((l) => !isSkipped(l));
    if (uploading.some((l) => l.totalBytes === null)) return null;
    return Math.max(0, this.image.bytes - uploading.reduce((sum, l) => sum + (l.totalBytes ?? 0), 0));
  }
}

/** A byte count from the engine, or null for anything that is not a finite, non-negative number. */
function byteCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/** Splits the engine's JSON-lines response into messages across chunk boundaries; non-JSON lines go to onText. */
export function pushLineSplitter(onMessage: (message: PushMessage) => void, onText: (line: string) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        onText(line);
        continue;
      }
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) onMessage(parsed as PushMessage);
      else onText(line);
    }
  };
}

/** A layer the registry already had: it exists in this repository, or was mounted from another. */
export function isSkipped(layer: PushedLayer): boolean {
  return layer.state === 'already-exists' || layer.state === 'mounted';
}
