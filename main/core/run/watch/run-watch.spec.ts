import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunWatch } from './run-watch';

describe('RunWatch on and off', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a quick off-then-on during a rebuild ends watching, not reporting off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-run-watch-'));
    dirs.push(dir);
    const watch = new RunWatch({
      dir,
      // A rebuild that lasts until it is cancelled.
      rebuild: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('Cancelled', 'AbortError')), { once: true })),
      openSession: () => Promise.reject(new Error('never reached')),
      swap: () => Promise.resolve(),
      log: () => undefined,
      onSwap: () => undefined,
      debounceMs: 20,
    });
    watch.enable();
    fs.writeFileSync(path.join(dir, 'model.py'), 'changed\n');
    await vi.waitFor(() => expect(watch.status().state).toBe('building'), { timeout: 10_000 });

    const off = watch.disable();
    watch.enable(); // the user turns it back on before the cancelled rebuild has wound down
    await off;
    expect(watch.status()).toMatchObject({ enabled: true, state: 'watching' });
    await watch.disable();
    expect(watch.status()).toMatchObject({ enabled: false, state: 'off' });
  });
});
