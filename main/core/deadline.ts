export type Settled<T> = { outcome: 'done'; value: T } | { outcome: 'failed'; error: unknown } | { outcome: 'timed-out' };

/**
 * Waits for `work` at most `ms`, and says which happened. The work is not stopped, only no longer
 * waited for: for shutdown paths (cancel jobs, then quit anyway) where a stuck engine call must
 * not keep the process up forever. The timer is not unref'd: it is what keeps the process waiting.
 */
export function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ outcome: 'timed-out' }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ outcome: 'done', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ outcome: 'failed', error });
      },
    );
  });
}
