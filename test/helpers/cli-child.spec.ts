import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSkylift, storedBenchSamples } from './cli-child';

describe('spawnSkylift and storedBenchSamples (built CLI, real SQLite)', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-cli-child-'));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('collects stdout and stderr apart and together, and settles with the exit code', async () => {
    const version = spawnSkylift(['--version'], { SKYLIFT_HOME: home });
    expect(await version.exited).toEqual({ code: 0, signal: null });
    expect(version.stdout()).toBe('0.1.0\n');
    const unknown = spawnSkylift(['nosuchcommand'], { SKYLIFT_HOME: home });
    expect(await unknown.exited).toEqual({ code: 2, signal: null });
    expect(unknown.stderr()).toContain("error: unknown command 'nosuchcommand'");
    expect(unknown.output()).toBe(unknown.stdout() + unknown.stderr());
  });

  it('kill() ends a running process with SIGKILL, and after an exit only returns that exit', async () => {
    const serve = spawnSkylift(['serve', '--port', '0'], { SKYLIFT_HOME: path.join(home, 'serve') });
    await expect.poll(() => serve.output(), { timeout: 20_000 }).toMatch(/serving at/);
    expect(await serve.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await serve.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  }, 30_000);

  it('counts bench samples in a data folder, and 0 before the store or its table exists', () => {
    const data = path.join(home, 'data');
    expect(storedBenchSamples(data)).toBe(0);
    fs.mkdirSync(data);
    const db = new Database(path.join(data, 'skylift.db'));
    expect(storedBenchSamples(data)).toBe(0);
    db.exec('CREATE TABLE bench_samples (t INTEGER)');
    db.prepare('INSERT INTO bench_samples VALUES (1), (2), (3)').run();
    expect(storedBenchSamples(data)).toBe(3);
    db.close();
  });
});
