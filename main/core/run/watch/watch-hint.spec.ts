import { describe, expect, it } from 'vitest';
import { watchError } from './watch-hint';

describe('watchError', () => {
  it('a model that failed to load: saving the fix is enough, no "build again"', () => {
    const error = watchError({ code: 'MODEL_SETUP_FAILED', message: 'The model failed to load: SyntaxError: bad', hint: "Read the container's log above for the traceback, fix load() and build again." });
    expect(error.message).toBe('The model failed to load: SyntaxError: bad');
    expect(error.hint).toMatch(/saving the fix rebuilds it/);
    expect(error.hint).not.toMatch(/fix load\(\) and build again/);
    expect(watchError({ code: 'LAMBDA_INIT_FAILED', message: 'init failed', hint: 'x' }).hint).toMatch(/saving the fix/);
  });

  it('other errors keep their own hint', () => {
    const error = { code: 'BUILD_FAILED', message: 'The rebuild failed: pip', hint: 'Fix requirements.txt.' };
    expect(watchError(error)).toEqual(error);
  });
});
