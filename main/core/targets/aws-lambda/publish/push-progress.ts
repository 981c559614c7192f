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

export class PushProgressTracker {
  private readonly layers = new Map<string, PushedLayer>();
  private digest: string | null = null;
  private error: string | null = null;
  private firstByteAt: number | null = null;
  private lastByteAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

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
      skippedLayers: layers.filter((l) => l.state === 'already-exists' || l.state === 'mounted').map((l) => l.id),
      digest: this.digest,
      error: this.error,
    };
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

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1234567 → "1.2 MB" (decimal units, as the engine's own progress bar uses). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** One line for a progress event: "Pushed 12.3 MB of 180 MB at 45 MB/s · 2 of 3 layers already in the registry". */
export function describeProgress(snapshot: PushSnapshot): string {
  const total = snapshot.layers.reduce((sum, l) => sum + (l.state === 'already-exists' || l.state === 'mounted' ? 0 : (l.totalBytes ?? 0)), 0);
  const rate = snapshot.bytesPerSecond === null ? '' : ` at ${formatBytes(snapshot.bytesPerSecond)}/s`;
  const skipped = snapshot.skippedLayers.length > 0 ? ` · ${snapshot.skippedLayers.length} of ${snapshot.layers.length} layers already in the registry` : '';
  // The engine counts the tar it sends (headers included), a little over the layers' sizes: never "341 MB of 332 MB".
  const pushed = total > 0 ? Math.min(snapshot.bytesPushed, total) : snapshot.bytesPushed;
  return `Pushed ${formatBytes(pushed)}${total > 0 ? ` of ${formatBytes(total)}` : ''}${rate}${skipped}`;
}

/** Fraction done by bytes of the layers that need uploading; null while their sizes are unknown. */
export function pushFraction(snapshot: PushSnapshot): number | null {
  const uploading = snapshot.layers.filter((l) => l.state !== 'already-exists' && l.state !== 'mounted');
  if (uploading.length === 0) return snapshot.layers.length > 0 ? 1 : null;
  if (uploading.some((l) => l.totalBytes === null && l.state !== 'pushed')) return null;
  const total = uploading.reduce((sum, l) => sum + (l.totalBytes ?? l.bytesPushed), 0);
  if (total === 0) return null;
  return Math.min(1, uploading.reduce((sum, l) => sum + Math.min(l.bytesPushed, l.totalBytes ?? l.bytesPushed), 0) / total);
}
