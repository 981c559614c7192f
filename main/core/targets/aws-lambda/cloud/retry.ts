import type { JobEventInput } from '../../../../../shared/contract/jobs';
import { SkyliftError } from '../../../../../shared/errors';

/** What one AWS error is, for the retry loop: the service's error name and HTTP status where it gave them. */
export interface AwsErrorFacts {
  name: string;
  status: number | undefined;
  message: string;
}

export function awsErrorFacts(error: unknown): AwsErrorFacts {
  const e = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number }; code?: unknown };
  const name = typeof e?.name === 'string' ? e.name : typeof e?.code === 'string' ? e.code : 'Error';
  return { name, status: e?.$metadata?.httpStatusCode, message: typeof e?.message === 'string' ? e.message.split('\n')[0]!.slice(0, 300) : String(error) };
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'ThrottledException', 'SlowDown']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'NetworkingError']);

/** Why a call may be tried again, or null: it failed for good. */
export type RetryReason = 'throttled' | 'server' | 'conflict' | 'network' | 'propagating';

/**
 * The default classification: 429 and throttling names, 5xx, Lambda's 409 ResourceConflictException
 * while an update is in progress (AWS: "wait and retry"), and dropped connections. A step adds its
 * own (role propagation) through `classify`.
 */
export function defaultRetryReason(facts: AwsErrorFacts): RetryReason | null {
  if (THROTTLING.has(facts.name) || facts.status === 429) return 'throttled';
  if (facts.name === 'ResourceConflictException' && /in progress|currently in the following state|pending|InProgress/i.test(facts.message)) return 'conflict';
  if (facts.status !== undefined && facts.status >= 500) return 'server';
  if (NETWORK.has(facts.name) || /socket hang up|ECONNRESET|ECONNREFUSED/.test(facts.message)) return 'network';
  return null;
}

const REASON_WORDS: Record<RetryReason, string> = {
  throttled: 'AWS is throttling requests',
  server: 'AWS answered with a server error',
  conflict: 'another update to the function is still in progress',
  network: 'the connection dropped',
  propagating: 'the new role has not reached Lambda yet (IAM takes a few seconds)',
};

export interface CallAwsOptions {
  /** What the call does, for events and errors: "UpdateFunctionCode iris". */
  step: string;
  emit?: (event: JobEventInput) => void;
  signal?: AbortSignal;
  /** Give up retrying after this long (default 120 s; role propagation passes ~30 s). */
  deadlineMs?: number;
  /** A step's own retryable errors, consulted before the defaults. */
  classify?: (facts: AwsErrorFacts) => RetryReason | null;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Tests replace the clock's wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const abortable = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Calls AWS, retrying what AWS says to retry with capped exponential backoff and full jitter, each
 * retry told as a job event ("retrying in 1.2 s: AWS is throttling requests"). Gives up at the
 * deadline with the last error's own words; an error that is not retryable is thrown at once.
 */
export async function callAws<T>(call: () => Promise<T>, options: CallAwsOptions): Promise<T> {
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  const sleep = options.sleep ?? abortable;
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 8_000;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const facts = awsErrorFacts(error);
      const reason = options.classify?.(facts) ?? defaultRetryReason(facts);
      const wait = Math.round(Math.random() * Math.min(cap, base * 2 ** (attempt - 1))) + 50;
      if (!reason || Date.now() + wait > deadline) {
        if (reason) throw gaveUp(options.step, reason, facts, attempt);
        throw error;
      }
      options.emit?.({ type: 'log', stream: 'info', line: `${options.step}: ${REASON_WORDS[reason]} (${facts.name}${facts.status ? ` ${facts.status}` : ''}); retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1})` });
      await sleep(wait, options.signal);
    }
  }
}

function gaveUp(step: string, reason: RetryReason, facts: AwsErrorFacts, attempts: number): SkyliftError {
  return new SkyliftError({
    code: reason === 'throttled' ? 'AWS_THROTTLED' : reason === 'propagating' ? 'ROLE_NOT_PROPAGATED' : 'AWS_UNAVAILABLE',
    message: `${step} did not succeed after ${attempts} attempts: ${REASON_WORDS[reason]} (${facts.name}: ${facts.message}).`,
    hint: reason === 'propagating' ? 'Publish again in a minute; nothing is lost, the plan will show what already exists.' : 'Publish again later; the next plan shows what was already done.',
  });
}
