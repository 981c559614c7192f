import { SkyliftError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import { describeExit, type ContainerExit } from './container-exit';
import { AZURE_HTTP_RESPONSE_LIMIT_S, DEFAULT_REQUEST_TIMEOUT_S, type HttpVariant, type RequestDeadline } from './http-deadlines';

export const RunErrorCode = {
  StartupTimeout: 'STARTUP_TIMEOUT',
  RequestTimeout: 'REQUEST_TIMEOUT',
  ContainerExited: 'CONTAINER_EXITED',
} as const;

/** What the session was doing when its container died, in the words of the message. */
export type SessionPhase = 'starting' | 'loading the model' | 'answering a request' | 'idle';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The startup deadline passed: says what the adapter was doing and where the deadline is set. */
export function startupTimedOut(variant: TargetName, deadlineMs: number, health: { status?: string } | null): SkyliftError {
  const doing = health?.status === 'STARTING' ? 'load() was still running' : 'the adapter never answered /health';
  return new SkyliftError({
    code: RunErrorCode.StartupTimeout,
    message: `The ${variant} container was not ready within its startup deadline of ${seconds(deadlineMs)}: ${doing}.`,
    hint: 'Make load() faster, or raise "Startup deadline" in Settings → Local test (or pass --startup-timeout SECONDS to skylift run, invoke or bench). Read the container\'s log above for what it was doing.',
    details: { deadline: 'startup', deadlineMs },
  });
}

/** A request's deadline passed: names the request deadline (not startup) and where to change it. */
export function requestTimedOut(variant: HttpVariant, deadline: RequestDeadline): SkyliftError {
  const azure = deadline.cappedByAzure ? ` (Azure cuts HTTP responses at ${AZURE_HTTP_RESPONSE_LIMIT_S} s whatever timeoutSeconds says)` : '';
  return new SkyliftError({
    code: RunErrorCode.RequestTimeout,
    message: `The ${variant} variant did not answer within its request deadline of ${seconds(deadline.ms)} (${deadline.source})${azure}.`,
    hint: `Make predict() faster for this payload, or set targets.${variant}.timeoutSeconds in skylift.yaml (default ${DEFAULT_REQUEST_TIMEOUT_S[variant]} s).`,
    details: { deadline: 'request', deadlineMs: deadline.ms },
  });
}

/** The container died on its own: exit code, OOM kill and time, and what it was doing. */
export function containerExited(variant: TargetName, exit: ContainerExit, phase: SessionPhase): SkyliftError {
  const when = phase === 'idle' ? '' : ` while ${phase}`;
  return new SkyliftError({
    code: RunErrorCode.ContainerExited,
    message: `The ${variant} container ${describeExit(exit)}${when}.`,
    hint: exit.oomKilled
      ? 'It ran out of memory: raise the memory limit (targets.' + variant + '.memoryMb) or use less in load()/predict().'
      : "Read the container's log above for the cause (a traceback, or the process calling exit).",
    details: { exitCode: exit.exitCode, oomKilled: exit.oomKilled, finishedAt: exit.finishedAt },
  });
}
