import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_DRAFT, draftLoad, readBenchDraft } from './bench-form';

describe('the Bench form', () => {
  it('turns a closed-loop draft into the bench request the contract takes', () => {
    const read = readBenchDraft({ ...DEFAULT_BENCH_DRAFT, requests: '500', concurrency: '4', coldStarts: '1', payloads: ['a.json'] }, '/p', 'local');
    expect(read).toEqual({
      ok: true,
      request: { variant: 'local', load: { mode: 'closed', requests: 500, concurrency: 4 }, warmup: 10, coldStarts: 1, payloads: ['a.json'] },
    });
  });

  it('reads an open-loop draft, ignoring the closed-loop fields', () => {
    const read = readBenchDraft({ ...DEFAULT_BENCH_DRAFT, mode: 'open', requests: 'x', ratePerSec: '25.5', durationSec: '3' }, '/p', 'aws-lambda');
    expect(read.ok && read.request.load).toEqual({ mode: 'open', ratePerSec: 25.5, durationSec: 3 });
  });

  it('says which fields are off, in words a user can act on', () => {
    const read = readBenchDraft({ ...DEFAULT_BENCH_DRAFT, requests: '', concurrency: '1000', warmup: '2.5', coldStarts: 'many' }, '/p', 'local');
    expect(read).toEqual({
      ok: false,
      errors: { requests: 'Enter a number', concurrency: 'At most 256', warmup: 'Enter a whole number', coldStarts: 'Enter a number' },
    });
  });
});

describe('the load the Bench form can speak about before a run', () => {
  it('is read from the draft once its numbers parse, so the Lambda cap can be named before Run', () => {
    expect(draftLoad({ ...DEFAULT_BENCH_DRAFT, requests: '500', concurrency: '64' })).toEqual({ mode: 'closed', requests: 500, concurrency: 64 });
    expect(draftLoad({ ...DEFAULT_BENCH_DRAFT, concurrency: '6' })).toMatchObject({ concurrency: 6 });
    expect(draftLoad({ ...DEFAULT_BENCH_DRAFT, concurrency: '' })).toBeNull();
  });
});
