import type { InvocationOutcome } from '../types';
import { formatReportLine } from '../report';
import { InvokeApiError } from './aws-errors';
import type { EnvironmentPool } from './environment-pool';
import type { LambdaEnvironment } from './types';

/** Event invocations waiting for an environment, at most; Lambda's own queue is deeper, a laptop's memory is not. */
export const MAX_QUEUED_EVENTS = 100;

/**
 * Lambda's asynchronous invocation, locally: the event is accepted (202), waits for a free
 * environment (sharing the function's concurrency with synchronous invokes, as on Lambda) and
 * runs once; how it ended goes to the run's log, where Lambda would write it to CloudWatch.
 * Unlike Lambda, a failed event is not retried: locally the log shows the failure at once.
 */
export class EventQueue {
  private waiting = 0;
  private closed = false;

  constructor(
    private readonly pool: EnvironmentPool<LambdaEnvironment>,
    private readonly log: (line: string) => void,
  ) {}

  enqueue(payload: Buffer): void {
    if (this.closed) throw new InvokeApiError(500, 'ServiceException', 'The local function is stopping.');
    if (this.waiting >= MAX_QUEUED_EVENTS) {
      throw new InvokeApiError(429, 'TooManyRequestsException', `Skylift's local event queue is full (${MAX_QUEUED_EVENTS} events wait for an environment).`, { Reason: 'ConcurrentInvocationLimitExceeded' });
    }
    this.waiting++;
    void this.pool
      .withEnvironment(async (environment) => {
        this.waiting--;
        if (this.closed) return;
        this.log(describeEvent(await environment.invokeOutcome(payload, {})));
      })
      .catch((error: Error) => this.log(`Invoke API: an Event invocation did not finish: ${error.message}`));
  }

  /** Events still waiting are dropped; one already running ends with its environment. */
  close(): void {
    this.closed = true;
  }
}

function describeEvent(outcome: InvocationOutcome): string {
  const ending = outcome.kind === 'success' ? 'succeeded' : `failed (${'errorType' in outcome ? outcome.errorType : 'Sandbox.Timedout'})`;
  return `Invoke API: Event invocation ${outcome.requestId} ${ending}. ${formatReportLine(outcome.report)}`;
}
