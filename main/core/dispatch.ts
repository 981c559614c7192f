import { ErrorCode, fail, findCall, ok, type AppError, type CallHandlers, type Envelope } from '../../shared/contract';
import { internalError, toAppError } from './errors';
import { redactDeep } from './redact';

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

/**
 * The one path from a transport into core: find the call in the contract, parse its input,
 * run the handler, and parse the output too — so a handler can never leak a field the
 * contract does not declare.
 */
export function createDispatch(handlers: CallHandlers, onUnexpected?: (channel: string, error: unknown) => void, redact: (text: string) => string = (t) => t): Dispatch {
  // An error can quote what an SDK said, and an SDK can quote a key: scrub what leaves core.
  const scrubbed = (e: AppError): AppError => redactDeep(e, redact);
  return async (channel, rawInput) => {
    const spec = findCall(channel);
    if (!spec) return fail({ code: ErrorCode.UnknownCall, message: `Unknown call "${channel}".`, hint: 'The UI and the core are from different versions; restart Skylift.' });
    const [domain, verb] = channel.split(':');
    const handler = (handlers as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[domain][verb];
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) return fail(scrubbed(toAppError(input.error)));
    try {
      const value = await handler(input.data);
      const output = spec.output.safeParse(value);
      if (output.success) return ok(output.data);
      // The handler broke the contract: Skylift's bug, so the log gets the fields and the user an internal error.
      onUnexpected?.(channel, new OutputContractError(channel, output.error));
      return fail(internalError(`the answer to "${channel}" did not match its contract.`));
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === ErrorCode.Internal) onUnexpected?.(channel, error);
      return fail(scrubbed(appError));
    }
  };
}

/** A handler's answer that fails the contract's output schema; its message lists the fields for the log. */
export class OutputContractError extends Error {
  constructor(channel: string, cause: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
    super(`Output of ${channel} failed its schema: ${cause.issues.map((i) => `${i.path.map(String).join('.') || '(output)'}: ${i.message}`).join('; ')}`);
    this.name = 'OutputContractError';
  }
}

