import { randomBytes } from 'node:crypto';

export type LogError = (context: string, error: unknown) => void;

/**
 * Wraps an event handler so that nothing it throws, synchronously or from a returned promise,
 * reaches the event loop (where it would end `skylift serve` and orphan its containers). The error
 * goes to the log with its stack and a short reference; `answer` tells the client, quoting the
 * reference, and never the stack.
 */
export function guarded<A extends unknown[]>(
  context: string,
  logError: LogError,
  handler: (...args: A) => unknown,
  answer: (reference: string, ...args: A) => void,
): (...args: A) => void {
  return (...args: A) => {
    const fail = (error: unknown) => {
      const reference = randomBytes(4).toString('hex');
      logError(`${context} (ref ${reference})`, error);
      try {
        answer(reference, ...args);
      } catch (answerError) {
        logError(`${context}: answering error ref ${reference}`, answerError);
      }
    };
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
