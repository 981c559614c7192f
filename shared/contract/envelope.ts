import { z } from 'zod';
import { appErrorSchema, type AppError } from '../errors';

/** Every call answers with an envelope, so an error survives any transport intact. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (error: AppError): Envelope<never> => ({ ok: false, error });
