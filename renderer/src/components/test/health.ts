/** What the Test step shows of an adapter's /health: read field by field, since it comes from the container. */
export interface HealthView {
  status: string | null;
  device: string | null;
  model: string | null;
  setupMs: number | null;
  error: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

export function readHealth(health: unknown): HealthView | null {
  if (typeof health !== 'object' || health === null) return null;
  const h = health as Record<string, unknown>;
  const setup = typeof h.setup === 'object' && h.setup !== null ? (h.setup as Record<string, unknown>) : {};
  const error = typeof h.error === 'object' && h.error !== null ? (h.error as Record<string, unknown>) : null;
  return {
    status: text(h.status),
    device: text(h.device),
    model: text(h.model),
    setupMs: typeof setup.durationMs === 'number' ? setup.durationMs : null,
    error: error ? [text(error.type), text(error.message)].filter(Boolean).join(': ') || null : text(h.error),
  };
}

export const HEALTH_TONE: Record<string, 'ok' | 'bad' | 'neutral'> = { READY: 'ok', SETUP_FAILED: 'bad', STARTING: 'neutral' };

export const DEVICE_LABEL: Record<string, string> = { cuda: 'GPU (CUDA)', cpu: 'CPU' };
