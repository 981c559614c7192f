import { SkyliftError } from '../../../../shared/errors';
import { canAsk, confirm } from '../profiles/confirm';

/** The error code for a plan that needs a yes no one can give here; the CLI exits 2 on it, as on a usage error. */
export const CONFIRMATION_NEEDED = 'CONFIRMATION_NEEDED';

/**
 * Whether to apply a plan the user has just read: --yes agrees; a terminal asks; without either,
 * nothing is applied and the command says how to agree (scripts and CI pass --yes).
 */
export async function agreed(
  yes: boolean | undefined,
  question: string,
  /** Goes with the refusal (--json puts the plan there, since it printed nothing else). */
  details?: Record<string, unknown>,
  ask: { canAsk: () => boolean; confirm: (q: string) => Promise<boolean> } = { canAsk, confirm },
): Promise<boolean> {
  if (yes) return true;
  if (ask.canAsk()) return ask.confirm(question);
  throw new SkyliftError({
    code: CONFIRMATION_NEEDED,
    message: 'This plan needs confirmation: run again with --yes.',
    hint: 'There is no terminal to ask on; read the plan (or run with --plan) and pass --yes to apply it.',
    ...(details ? { details } : {}),
  });
}
