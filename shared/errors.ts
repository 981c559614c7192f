import { z } from 'zod';

/** The one error shape that crosses every boundary: IPC, HTTP, CLI output, job records. */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export const ErrorCode = {
  BadInput: 'BAD_INPUT',
  UnknownCall: 'UNKNOWN_CALL',
  NotFound: 'NOT_FOUND',
  Cancelled: 'CANCELLED',
  Internal: 'INTERNAL',
  Unauthorized: 'UNAUTHORIZED',
  ForbiddenSender: 'FORBIDDEN_SENDER',
  EngineUnreachable: 'ENGINE_UNREACHABLE',
  EnginePermissionDenied: 'ENGINE_PERMISSION_DENIED',
  EngineTls: 'ENGINE_TLS',
  EngineConfig: 'ENGINE_CONFIG',
  EngineError: 'ENGINE_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An Error that carries an AppError; what core code throws when it knows what went wrong. */
export class SkyliftError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'SkyliftError';
    this.code = error.code;
    this.hint = error.hint;
    this.details = error.details;
  }

  toAppError(): AppError {
    const { code, message, hint, details } = this;
    return { code, message, ...(hint ? { hint } : {}), ...(details ? { details } : {}) };
  }
}

export function isSkyliftError(value: unknown): value is SkyliftError {
  return value instanceof SkyliftError;
}
