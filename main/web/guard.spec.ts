import { describe, expect, it } from 'vitest';
import { guarded } from './guard';

describe('guarded', () => {
  const setup = () => {
    const logged: Array<[string, unknown]> = [];
    const answered: string[] = [];
    const logError = (context: string, error: unknown) => logged.push([context, error]);
    return { logged, answered, logError };
  };

  it('logs a synchronous throw under a reference and answers with that reference', () => {
    const { logged, answered, logError } = setup();
    const boom = new Error('boom');
    const handle = guarded('web request', logError, (_who: string) => {
      throw boom;
    }, (ref, who) => void answered.push(`${who}:${ref}`));
    handle('alice');
    expect(logged).toEqual([[expect.stringMatching(/^web request \(ref [0-9a-f]{8}\)$/), boom]]);
    expect(answered).toEqual([`alice:${/ref ([0-9a-f]{8})/.exec(logged[0][0])![1]}`]);
  });

  it('catches a rejected promise the same way', async () => {
    const { logged, answered, logError } = setup();
    guarded('web upgrade', logError, async () => Promise.reject(new Error('late')), (ref) => void answered.push(ref))();
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toHaveLength(1);
    expect(answered).toHaveLength(1);
  });

  it('logs an answer that throws too, and never lets it escape', () => {
    const { logged, logError } = setup();
    const call = guarded('web request', logError, () => {
      throw new Error('first');
    }, () => {
      throw new Error('second');
    });
    expect(() => call()).not.toThrow();
    expect(logged.map(([context]) => context)).toEqual([expect.stringContaining('web request (ref'), expect.stringContaining('answering error ref')]);
  });
});
