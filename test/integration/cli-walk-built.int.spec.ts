import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_DEFAULTS } from '../../shared/contract/bench-defaults';
import { TEST_BASE_IMAGE } from '../helpers/build';
import { writeProbeProject } from '../helpers/probe-project';
import { useTempDir } from '../helpers/temp';

const BIN = path.resolve('bin/skylift.cjs');
const cli = (args: string[], env: NodeJS.ProcessEnv) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Issue 12's CLI fixes on a built variant (the probe project builds in seconds): invoke's error line, bench's defaults and payload files. */
describe('skylift CLI walk on a built variant (issue 12)', () => {
  const tempDir = useTempDir('skylift-cli-walk-built-');
  // The project and data outlive one test (useTempDir's folders do not).
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-cli-walk-built-'));
  const env: NodeJS.ProcessEnv = { SKYLIFT_HOME: path.join(shared, 'home') };
  const dir = path.join(shared, 'probe');
  afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));

  beforeAll(() => {
    writeProbeProject(dir, `walk-built-${process.pid}`);
    const built = cli(['build', dir, '--variant', 'local', '--base-image', TEST_BASE_IMAGE], env);
    expect(built.status, built.stderr).toBe(0);
  }, 300_000);

  it('invoke: a sample payload by name answers; a model error prints its answer and an error: line, exit 1', () => {
    const named = cli(['invoke', path.join(dir, 'skylift.yaml'), '--payload', 'hello.json'], env);
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual({ echo: { hello: 'world' } });

    const file = path.join(tempDir(), 'raise.json');
    fs.writeFileSync(file, '{"raise": "boom"}');
    const failed = cli(['invoke', dir, '--payload', file], env);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('boom');
    expect(failed.stderr).toMatch(/^error: The variant answered with an error: .*status 500.*; its answer is on stdout\.\nhint: /m);
  }, 240_000);

  it('bench runs with the shared defaults, sends a payload file, and runs show finds the run by a short id', () => {
    const file = path.join(tempDir(), 'event.json');
    fs.writeFileSync(file, '{"from": "a file"}');
    const benched = cli(['bench', dir, '--requests', '4', '--warmup', '0', '--payload', file, '--json'], env);
    expect(benched.status, benched.stdout + benched.stderr).toBe(0);
    expect(benched.stderr).toContain(`payload: the file ${file}, saved for this project as "event.json"`);
    const { run } = JSON.parse(benched.stdout).value;
    expect(run.settings).toMatchObject({ load: { mode: 'closed', requests: 4, concurrency: BENCH_DEFAULTS.concurrency }, coldStarts: BENCH_DEFAULTS.coldStarts, payloads: ['event.json'] });
    expect(run.summary.warm.errors).toBe(0);

    const shown = cli(['runs', 'show', run.id.slice(0, 8), '--json'], env);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).value.id).toBe(run.id);
  }, 240_000);
});
