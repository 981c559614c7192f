import { describe, expect, it } from 'vitest';
import { benchRequestSchema } from '../../../../shared/contract';
import { BENCH_DEFAULTS } from '../../../../shared/contract/bench-defaults';
import { DEFAULT_BENCH_DRAFT, readBenchDraft } from './bench-form';

/** One source of bench defaults: the form, the contract (and so the CLI, which passes them through) agree. */
describe('bench defaults', () => {
  it('the untouched form asks for exactly what the contract fills in when nothing is said', () => {
    const fromForm = readBenchDraft(DEFAULT_BENCH_DRAFT, '/p', 'local');
    const fromContract = benchRequestSchema.parse({ dir: '/p', variant: 'local' });
    expect(fromForm).toEqual({ ok: true, request: (({ dir: _dir, ...rest }) => rest)(fromContract) });
    expect(fromContract).toMatchObject({ load: { mode: 'closed', requests: BENCH_DEFAULTS.requests, concurrency: BENCH_DEFAULTS.concurrency }, warmup: BENCH_DEFAULTS.warmup, coldStarts: BENCH_DEFAULTS.coldStarts });
  });
});
