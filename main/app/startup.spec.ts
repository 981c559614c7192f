import { describe, expect, it } from 'vitest';
import { SkyliftError } from '../../shared/errors';
import { closeWithin, startupFailureText } from './startup';

describe('startupFailureText', () => {
  it("shows a known error's message and hint, and where the log is", () => {
    const tooNew = new SkyliftError({ code: 'STORE_TOO_NEW', message: 'The database was written by a newer Skylift (schema 9, this build knows 4).', hint: 'Update Skylift, or set SKYLIFT_HOME to use a separate data folder with this version.' });
    const text = startupFailureText(tooNew, '/home/u/.local/share/skylift/logs/skylift.log');
    expect(text.title).toBe('Skylift could not start');
    expect(text.content).toBe(
      'The database was written by a newer Skylift (schema 9, this build knows 4).\n\nUpdate Skylift, or set SKYLIFT_HOME to use a separate data folder with this version.\n\nDetails are in /home/u/.local/share/skylift/logs/skylift.log.',
    );
  });

  it('shows only the first line of an unexpected error, never its stack', () => {
    const error = new Error('disk full\nsecond line');
    const text = startupFailureText(error, undefined);
    expect(text.content).toBe('Unexpected error: disk full\n\nPlease report it with that log file.');
    expect(text.content).not.toMatch(/\n\s+at /);
  });
});

describe('closeWithin', () => {
  it('returns once close finishes, logging nothing', async () => {
    const logged: string[] = [];
    await closeWithin(async () => undefined, 1000, (context) => logged.push(context));
    expect(logged).toEqual([]);
  });

  it('stops waiting for a close that never finishes and logs why', async () => {
    const logged: Array<[string, string]> = [];
    await closeWithin(() => new Promise(() => undefined), 20, (context, error) => logged.push([context, (error as Error).message]));
    expect(logged).toEqual([['quit', expect.stringContaining('did not finish cancelling within 0.02 s')]]);
  });

  it('logs a close that fails', async () => {
    const logged: string[] = [];
    await closeWithin(() => Promise.reject(new Error('db locked')), 1000, (context) => logged.push(context));
    expect(logged).toEqual(['quit: closing core']);
  });
});
