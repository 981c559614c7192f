import { SkyliftError } from '../../../shared/errors';
import type { RunStore } from './run-store';

/** How many candidates an ambiguous prefix lists (git lists them all; a page is enough to pick from). */
const MAX_CANDIDATES = 10;

/**
 * A run id from what the user typed: the full id, or a prefix that only one run's id starts with,
 * as git accepts short commit ids. Ambiguous prefixes list the candidates instead of guessing.
 */
export function resolveRunId(store: Pick<RunStore, 'idsStartingWith'>, ref: string): string {
  const typed = ref.trim();
  const ids = store.idsStartingWith(typed, MAX_CANDIDATES + 1);
  if (ids.includes(typed)) return typed;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) {
    throw new SkyliftError({ code: 'NOT_FOUND', message: `No bench run with id ${typed}.`, hint: 'It may have been deleted. The runs list (skylift runs list) shows the stored runs; an id may be shortened to its first characters.' });
  }
  const shown = ids.slice(0, MAX_CANDIDATES);
  const more = ids.length > MAX_CANDIDATES ? '\n  …and more' : '';
  throw new SkyliftError({
    code: 'AMBIGUOUS_ID',
    message: `The run id ${typed} is ambiguous: ${ids.length > MAX_CANDIDATES ? `more than ${MAX_CANDIDATES}` : ids.length} runs' ids start with it:\n${shown.map((id) => `  ${id}`).join('\n')}${more}`,
    hint: 'Type more characters of the id.',
    details: { candidates: shown },
  });
}
