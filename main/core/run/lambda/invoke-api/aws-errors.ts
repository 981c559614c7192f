import type { ServerResponse } from 'node:http';

/**
 * An error Lambda's Invoke answers in restJson1 form: status, X-Amzn-ErrorType, and a JSON body
 * with `Type` ("User" or "Service") and the message member the service model names for that
 * shape (`Message` on ResourceNotFoundException, `message` elsewhere).
 */
export class InvokeApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = errorType;
  }

  body(): Record<string, string> {
    const messageKey = this.errorType === 'ResourceNotFoundException' ? 'Message' : 'message';
    return { Type: this.status >= 500 ? 'Service' : 'User', [messageKey]: this.message, ...this.extra };
  }
}

export const notFound = (arn: string) => new InvokeApiError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);

export const invalidContent = (message: string) => new InvokeApiError(400, 'InvalidRequestContentException', message);

export const invalidParameter = (message: string) => new InvokeApiError(400, 'InvalidParameterValueException', message);

/** What AWS's request validation answers for a member outside its model constraints. */
export const validationError = (message: string) => new InvokeApiError(400, 'ValidationException', `1 validation error detected: ${message}`);

export const tooLarge = (limit: number, operation: string) =>
  new InvokeApiError(413, 'RequestTooLargeException', `Request must be smaller than ${limit} bytes for the ${operation} operation`);

/** Reserved concurrency exhausted: every local execution environment is busy with an invocation. */
export const throttled = () => new InvokeApiError(429, 'TooManyRequestsException', 'Rate Exceeded.', { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });

export const unknownOperation = () => new InvokeApiError(404, 'UnknownOperationException', 'This endpoint answers only Invoke: POST /2015-03-31/functions/{FunctionName}/invocations.');

export const serviceError = (message: string) => new InvokeApiError(500, 'ServiceException', message);

export function sendAwsError(res: ServerResponse, error: InvokeApiError, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(JSON.stringify(error.body()));
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'x-amzn-errortype': error.errorType,
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}
