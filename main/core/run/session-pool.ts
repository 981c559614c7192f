import type { BenchTarget, InvokeResult } from '../bench';
import type { VariantSession } from './variant-session';

const CANCELLED: InvokeResult = Object.freeze({ ok: false, status: 'cancelled', serverDurationMs: null });

/**
 * Lambda's concurrency model as a bench target: each execution environment (session) takes one
 * request at a time; a request waits for a free environment, as Lambda would start or reuse one.
 * A request still waiting when the bench stops gives up at once rather than waiting on.
 */
export function sessionPoolTarget(sessions: readonly VariantSession[]): BenchTarget {
  const free = [...sessions];
  const waiting: Array<(session: VariantSession | null) => void> = [];
  const acquire = (signal: AbortSignal) =>
    new Promise<VariantSession | null>((resolve) => {
      if (signal.aborted) return resolve(null);
      if (free.length > 0) return resolve(free.pop()!);
      const take = (session: VariantSession | null) => {
        signal.removeEventListener('abort', giveUp);
        resolve(session);
      };
      const giveUp = () => {
        waiting.splice(waiting.indexOf(take), 1);
        resolve(null);
      };
      waiting.push(take);
      signal.addEventListener('abort', giveUp, { once: true });
    });
  const release = (session: VariantSession) => (waiting.length > 0 ? waiting.shift()!(session) : free.push(session));

  return {
    async invoke(payload: Buffer, signal: AbortSignal): Promise<InvokeResult> {
      const session = await acquire(signal);
      if (!session) return CANCELLED;
      try {
        const answer = await session.invoke(payload, signal);
        return { ok: answer.ok, status: answer.status, serverDurationMs: answer.serverDurationMs, report: answer.platformReport };
      } catch {
        return { ok: false, status: signal.aborted ? 'cancelled' : 'error', serverDurationMs: null };
      } finally {
        release(session);
      }
    },
  };
}
