import { ErrorCode, SkyliftError } from '../../../../shared/errors';
import type { LambdaFunctionSettings, LambdaRuntimeApiOptions } from './types';

export const LambdaErrorCode = {
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** Lambda's Invoke: 400 InvalidRequestContentException (the payload is not UTF-8 JSON). */
  InvalidRequestContent: 'INVALID_REQUEST_CONTENT',
  RuntimeApiClosed: 'LAMBDA_RUNTIME_API_CLOSED',
  EnvironmentRestarted: 'LAMBDA_ENVIRONMENT_RESTARTED',
} as const;

export function abortError(): Error {
  return new DOMException('The invocation was aborted.', 'AbortError');
}

export function closedError(requestId?: string): SkyliftError {
  return new SkyliftError({
    code: LambdaErrorCode.RuntimeApiClosed,
    message: requestId ? `The local Lambda Runtime API closed before invocation ${requestId} finished.` : 'The local Lambda Runtime API is closed.',
    hint: 'Start the local test again.',
  });
}

export function restartedError(requestId: string): SkyliftError {
  return new SkyliftError({
    code: LambdaErrorCode.EnvironmentRestarted,
    message: `The execution environment was restarted while invocation ${requestId} was running.`,
    hint: 'Invoke again.',
  });
}

export function validateSettings(settings: LambdaFunctionSettings, options: LambdaRuntimeApiOptions): void {
  const problems: string[] = [];
  if (!settings.functionName) problems.push('functionName is empty');
  if (!(settings.memoryMb > 0)) problems.push(`memoryMb must be positive (got ${settings.memoryMb})`);
  if (!(settings.timeoutSeconds > 0) || !Number.isFinite(settings.timeoutSeconds)) problems.push(`timeoutSeconds must be positive (got ${settings.timeoutSeconds})`);
  if (!options.host) problems.push('host is empty: pass the address to listen on (127.0.0.1 or the docker network gateway)');
  if (problems.length === 0) return;
  throw new SkyliftError({ code: ErrorCode.BadInput, message: `Invalid Lambda settings: ${problems.join('; ')}.`, hint: 'Check the aws-lambda target in skylift.yaml.' });
}
