import type { InvocationOutcome, InvokeOptions } from '../types';

/** One execution environment as the Invoke API drives it (a LambdaVariantSession). */
export interface LambdaEnvironment {
  /** One invocation, answered with Lambda's own outcome: request id, payload, REPORT numbers. */
  invokeOutcome(payload: Buffer, options: InvokeOptions): Promise<InvocationOutcome>;
  /** Calls `listener` with each line the environment prints, as it arrives; returns the unsubscribe. */
  onLogLine(listener: (line: string) => void): () => void;
}
