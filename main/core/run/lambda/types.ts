/** The function settings a local execution environment mirrors. */
export interface LambdaFunctionSettings {
  functionName: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Default us-east-1. */
  region?: string;
  /** Default 000000000000. */
  accountId?: string;
}

/** The numbers on Lambda's REPORT line for one invocation. */
export interface LambdaReport {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number | null;
  /** Only on the first invocation of an execution environment (a cold start). */
  initDurationMs: number | null;
  /** Set when the platform ended the invocation: `Status: timeout`, or `Status: error` with its type. */
  status?: 'error' | 'timeout';
  errorType?: string;
}

/** How an invocation ended, as Lambda's Invoke would report it. */
export type InvocationOutcome =
  | { kind: 'success'; requestId: string; payload: Buffer; report: LambdaReport }
  /** Lambda answers these with X-Amz-Function-Error: Unhandled; payload is the error JSON the runtime posted. */
  | { kind: 'function-error'; requestId: string; payload: Buffer; errorType: string; report: LambdaReport }
  /** payload: {"errorMessage":"<date> <id> Task timed out after N.NN seconds","errorType":"Sandbox.Timedout"}. */
  | { kind: 'timeout'; requestId: string; payload: Buffer; report: LambdaReport }
  | { kind: 'init-error'; requestId: string; payload: Buffer; errorType: string; report: LambdaReport };

export interface InvokeOptions {
  signal?: AbortSignal;
  /** Passed to the runtime as Lambda-Runtime-Client-Context (the decoded JSON, as Lambda does). */
  clientContext?: string;
  /** Passed to the runtime as Lambda-Runtime-Cognito-Identity. */
  cognitoIdentity?: string;
}

export interface LambdaRuntimeApiOptions {
  /** The only address listened on: the docker network's gateway IP or 127.0.0.1. */
  host: string;
  /** 0 or unset: a free port. */
  port?: number;
  /**
   * Epoch milliseconds, fractional allowed (tests pass a fake clock). Unset: durations use a
   * monotonic high-resolution clock, and Lambda-Runtime-Deadline-Ms uses Date.now(), the clock the runtime shares.
   */
  now?: () => number;
  /** The container's peak memory so far, in MB; read when each invocation ends. */
  memoryUsedMb?: () => Promise<number | null>;
  /** The init phase's deadline; default 10 s, Lambda's for on-demand functions (tests shorten it). */
  initTimeoutMs?: number;
  /**
   * Called when init misses its first deadline: recycle the container, then call
   * environmentStarted(); that retry is bounded by the function's timeout, as Lambda's is.
   */
  onInitTimeout?: () => void;
}
