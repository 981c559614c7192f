import { benchRequestSchema, type BenchRequest } from '../../../../shared/contract';
import { BENCH_DEFAULTS } from '../../../../shared/contract/bench-defaults';
import type { TargetName } from '../../../../shared/project/schema';

/** The Bench form as typed: numbers stay text until Run, so a half-typed value is not rewritten. */
export interface BenchDraft {
  mode: 'closed' | 'open';
  requests: string;
  concurrency: string;
  ratePerSec: string;
  durationSec: string;
  warmup: string;
  coldStarts: string;
  payloads: string[];
}

export type BenchField = 'requests' | 'concurrency' | 'ratePerSec' | 'durationSec' | 'warmup' | 'coldStarts';

/** The shared bench defaults (shared/contract/bench-defaults.ts), as form text. */
export const DEFAULT_BENCH_DRAFT: BenchDraft = {
  mode: 'closed',
  requests: String(BENCH_DEFAULTS.requests),
  concurrency: String(BENCH_DEFAULTS.concurrency),
  ratePerSec: String(BENCH_DEFAULTS.ratePerSec),
  durationSec: String(BENCH_DEFAULTS.durationSec),
  warmup: String(BENCH_DEFAULTS.warmup),
  coldStarts: String(BENCH_DEFAULTS.coldStarts),
  payloads: [],
};

type Issue = { code: string; path: PropertyKey[]; minimum?: unknown; maximum?: unknown; expected?: unknown };

/** A zod issue in the words of a form field. */
function fieldMessage(issue: Issue): string {
  if (issue.code === 'too_small') return `At least ${Number(issue.minimum).toLocaleString()}`;
  if (issue.code === 'too_big') return `At most ${Number(issue.maximum).toLocaleString()}`;
  return issue.expected === 'int' ? 'Enter a whole number' : 'Enter a number';
}

const toNumber = (text: string): number => (text.trim() === '' ? NaN : Number(text));

/** The draft's load when its numbers parse, for what can be said before a run (the environment cap); null while half-typed. */
export function draftLoad(draft: BenchDraft): BenchRequest['load'] | null {
  const parsed = benchRequestSchema.shape.load.safeParse(loadOf(draft));
  return parsed.success ? parsed.data : null;
}

function loadOf(draft: BenchDraft) {
  return draft.mode === 'closed'
    ? { mode: 'closed' as const, requests: toNumber(draft.requests), concurrency: toNumber(draft.concurrency) }
    : { mode: 'open' as const, ratePerSec: toNumber(draft.ratePerSec), durationSec: toNumber(draft.durationSec) };
}

/** The bench request the draft describes, checked by the contract's own schema; or a message per field that is off. */
export function readBenchDraft(draft: BenchDraft, dir: string, variant: TargetName):
  | { ok: true; request: Omit<BenchRequest, 'dir'> }
  | { ok: false; errors: Partial<Record<BenchField, string>> } {
  const load = loadOf(draft);
  const parsed = benchRequestSchema.safeParse({
    dir,
    variant,
    load,
    warmup: toNumber(draft.warmup),
    coldStarts: toNumber(draft.coldStarts),
    payloads: draft.payloads,
  });
  if (parsed.success) {
    const { dir: _dir, ...request } = parsed.data;
    return { ok: true, request };
  }
  const errors: Partial<Record<BenchField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[issue.path.length - 1]) as BenchField;
    errors[field] ??= fieldMessage(issue as Issue);
  }
  return { ok: false, errors };
}
