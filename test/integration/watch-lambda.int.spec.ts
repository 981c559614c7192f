import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { WatchStatus } from '../../shared/contract/watch';
import { finished, TEST_BASE_IMAGE } from '../helpers/build';
import { callOrThrow, testCore } from '../helpers/core';
import { containersOfJob, removeProjectImages, writeModel, writeVersionedProject } from './watch-helpers';

/** Watch mode of an aws-lambda run: the Invoke API endpoint the user was given keeps answering, with the new code after a save. */
describe('watch mode, aws-lambda (real engine)', () => {
  let core: Core;
  let home: string;
  let dir: string;
  const name = `it-watch-lambda-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-watch-lambda-');
    core = testCore(home);
    dir = writeVersionedProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'aws-lambda', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterEach(async () => {
    for (const job of core.jobStore.list(50)) if (job.kind === 'run' && core.jobs.isActive(job.id)) await core.jobs.cancel(job.id);
  });
  afterAll(async () => {
    await core.close();
    await removeProjectImages(name);
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** The version the Invoke API answers with, as the AWS CLI would ask (restJson1 POST). */
  async function versionVia(endpoint: string, functionName: string): Promise<string> {
    const answer = await fetch(`${endpoint}/2015-03-31/functions/${functionName}/invocations`, { method: 'POST', body: '{"q": 1}', signal: AbortSignal.timeout(10_000) });
    const body = (await answer.json()) as { version?: string; errorType?: string };
    return answer.headers.get('x-amz-function-error') ? `error ${body.errorType}` : String(body.version);
  }

  it('a save swaps the environment behind the same Invoke API; an init error keeps the old one answering and is reported; Stop leaves no container', async () => {
    const job = core.runService.startRun({ dir, variant: 'aws-lambda', watch: true });
    await expect.poll(() => core.jobStore.events(job.id, -1).some((e) => e.type === 'step'), { timeout: 60_000 }).toBe(true);
    const { invokeApi } = await callOrThrow<{ invokeApi: { endpoint: string; functionName: string } }>(core, 'run:health', { jobId: job.id });
    expect(await versionVia(invokeApi.endpoint, invokeApi.functionName)).toBe('v1');

    writeModel(dir, 'v2');
    await expect.poll(() => versionVia(invokeApi.endpoint, invokeApi.functionName), { timeout: 90_000, interval: 300 }).toBe('v2');
    await expect.poll(async () => (await containersOfJob(job.id)).length, { timeout: 30_000 }).toBe(1);
    const tried = await callOrThrow<{ body: string }>(core, 'run:invoke', { jobId: job.id, payload: '{}' });
    expect(JSON.parse(tried.body)).toMatchObject({ version: 'v2' });

    writeModel(dir, 'v-broken', true);
    await expect.poll(async () => (await callOrThrow<WatchStatus>(core, 'run:watchStatus', { jobId: job.id })).error, { timeout: 90_000, interval: 300 }).not.toBeNull();
    const status = await callOrThrow<WatchStatus>(core, 'run:watchStatus', { jobId: job.id });
    expect(status.error!.message).toMatch(/init failed: Runtime\.\w+/);
    expect(status.swaps).toBe(1);
    expect(await versionVia(invokeApi.endpoint, invokeApi.functionName)).toBe('v2');
    await expect.poll(async () => (await containersOfJob(job.id)).length, { timeout: 30_000 }).toBe(1);

    await core.jobs.cancel(job.id);
    expect(await containersOfJob(job.id)).toEqual([]);
  }, 300_000);
});
