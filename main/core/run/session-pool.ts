import type { BenchTarget, InvokeResult } from '../bench';
import type { VariantSession } from './variant-session';

/**
 * Lambda's concurrency model as a bench target: each execution environment (session) takes one
 * request at a time; a request waits for a free environment, as Lambda would start or reuse one.
 */
export function sessionPoolTarget(sessions: readonly VariantSession[]): BenchTarget {
  const free = [...sessions];
  const waiting: Array<(session: VariantSession) => void> = [];
  const acquire = () => new Promise<VariantSession>((resolve) => (free.length > 0 ? resolve(free.pop()!) : waiting.push(resolve)));
  const release = (session: VariantSession) => (waiting.length > 0 ? waiting.shift()!(session) : free.push(session));

  return {
    async invoke(payload: Buffer, signal: AbortSignal): Promise<InvokeResult> {
      const session = await acquire();
      try {
        const answer = await session.invoke(payload, signal);
        return { ok: answer.ok, status: answer.status, serverDurationMs: answer.serverDurationMs };
      } catch {
        return { ok: false, status: signal.aborted ? 'cancelled' : 'error', serverDurationMs: null };
      } finally {
        release(session);
      }
    },
  };
}
