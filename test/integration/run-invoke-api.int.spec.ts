import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

const INVOKE_API_LINE = /Invoke API: (http:\/\/127\.0\.0\.1:\d+) \(function name: ([\w-]+)/;

/** `skylift run --variant aws-lambda` answers Lambda's Invoke API beside Try it, with Skylift's own adapter in the image. */
describe('a Lambda run answers the Invoke API (real engine, real build)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  const name = `it-invoke-api-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-invoke-api-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name, { timeoutSeconds: 10 });
    const built = await finished(core, core.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }));
    expect(built.job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:aws-lambda`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('logs and exposes the endpoint, serves the SDK, shares the one environment with Try it (429 while busy) and closes with the run', async () => {
    const job = core.runService.startRun({ dir, variant: 'aws-lambda' });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
    const logged = core.jobStore.events(job.id, -1).map((e) => ('line' in e ? String(e.line) : '')).join('\n');
    const [, endpoint, functionName] = INVOKE_API_LINE.exec(logged) ?? [];
    expect(functionName).toBe(name);
    expect(await core.dispatch('run:health', { jobId: job.id })).toMatchObject({ ok: true, value: { invokeApi: { endpoint, functionName: name } } });

    const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIATESTTESTTEST0000', secretAccessKey: 'dummy' }, maxAttempts: 1 });
    try {
      const answer = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"via":"sdk"}') }));
      expect(answer).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(JSON.parse(Buffer.from(answer.Payload!).toString())).toEqual({ echo: { via: 'sdk' } });

      // Try it holds the environment: a synchronous Invoke meanwhile is throttled, as reserved concurrency 1 would be.
      const tryIt = core.dispatch('run:invoke', { jobId: job.id, payload: '{"sleep": 1.5}' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const busy = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') })).catch((error: Error) => error);
      expect(busy).toMatchObject({ name: 'TooManyRequestsException' });
      expect(await tryIt).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      lambda.destroy();
    }
    expect((await core.jobs.cancel(job.id)).state).toBe('cancelled');
    await expect(fetch(`${endpoint}/2015-03-31/functions/${name}/invocations`, { method: 'POST', body: '{}' })).rejects.toThrow();
  }, 120_000);

  it('skylift run prints the endpoint and a ready aws lambda invoke line', async () => {
    const cli = spawn(process.execPath, [path.resolve('bin/skylift.cjs'), 'run', dir, '--variant', 'aws-lambda'], { env: { ...process.env, SKYLIFT_HOME: path.join(home, 'cli') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 60_000 }).toMatch(/Press Ctrl-C to stop/);
      const [, endpoint] = INVOKE_API_LINE.exec(output) ?? [];
      expect(endpoint).toBeTruthy();
      expect(output).toContain(`aws lambda invoke --endpoint-url ${endpoint} --function-name ${name} out.json`);
    } finally {
      cli.kill('SIGINT');
      await new Promise((resolve) => cli.once('exit', resolve));
    }
  }, 120_000);
});
