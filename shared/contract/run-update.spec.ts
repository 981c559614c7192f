import { describe, expect, it } from 'vitest';
import { RUN_TAGS_MAX, runUpdateSchema } from './runs';

describe('runs.update input', () => {
  it('trims text, drops repeated tags and accepts what a person would type', () => {
    expect(runUpdateSchema.parse({ runId: 'r', name: '  baseline ', tags: ['gpu:a10', 'fp16', 'gpu:a10'] })).toEqual({ runId: 'r', name: 'baseline', tags: ['gpu:a10', 'fp16'] });
  });

  it('refuses a long name or note, a tag with spaces, an empty tag and too many tags, saying what is allowed', () => {
    const message = (input: object) => runUpdateSchema.safeParse({ runId: 'r', ...input }).error?.issues[0]?.message;
    expect(message({ name: 'x'.repeat(121) })).toMatch(/at most 120 characters/);
    expect(message({ note: 'x'.repeat(2001) })).toMatch(/at most 2000 characters/);
    expect(message({ tags: ['two words'] })).toMatch(/no spaces/);
    expect(message({ tags: [''] })).toMatch(/at least one character/);
    expect(message({ tags: Array.from({ length: RUN_TAGS_MAX + 1 }, (_, i) => `t${i}`) })).toMatch(/at most 20 tags/);
    expect(runUpdateSchema.safeParse({ runId: 'r', colour: 'red' }).success).toBe(false);
  });
});
