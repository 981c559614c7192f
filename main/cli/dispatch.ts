import { CommanderError } from 'commander';
import { ErrorCode, SkyliftError, type CallInput, type CallOutput, type Contract } from '../../shared/contract';
import type { Core } from '../core/core';
import { toAppError } from '../core/errors';
import { openCliCore } from './context';
import { ExitCode, printError, type Output } from './output';

/**
 * One call through core's dispatch: the contract parses the input, fills its defaults and redacts
 * the output exactly as it does for the UI. Every CLI command reaches core this way.
 */
export type CoreCall = <D extends keyof Contract, V extends keyof Contract[D]>(domain: D, verb: V, input: CallInput<D, V>) => Promise<CallOutput<D, V>>;

export function coreCall(core: Core): CoreCall {
  return async (domain, verb, input) => {
    const answer = await core.dispatch(`${String(domain)}:${String(verb)}`, input);
    if (!answer.ok) throw new SkyliftError(answer.error);
    return answer.value as never;
  };
}

export interface CliSession {
  core: Core;
  call: CoreCall;
}

export interface WithCliOptions {
  /** Exit codes for error codes that mean "the command line was wrong" (2); everything else exits 1. */
  usageCodes?: readonly string[];
}

/**
 * Opens the core for one command and closes it after. A failure prints `error:` and `hint:` (or
 * the JSON envelope) and sets the exit code: 2 for the usage codes given, 1 otherwise.
 */
export async function withCli(out: Output, work: (session: CliSession) => Promise<void>, options: WithCliOptions = {}): Promise<void> {
  const core = openCliCore();
  try {
    await work({ core, call: coreCall(core) });
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    const appError = toAppError(error);
    printError(out, appError);
    process.exitCode = options.usageCodes?.includes(appError.code) ? ExitCode.Usage : ExitCode.Failed;
  } finally {
    await core.close();
  }
}

/** The contract refused the input: the command line was wrong. */
export const BAD_INPUT_IS_USAGE = [ErrorCode.BadInput] as const;
