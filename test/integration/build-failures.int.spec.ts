import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { testCore } from '../helpers/core';
import { useTempDir } from '../helpers/temp';

/** A project whose local variant builds from an ejected Dockerfile the test writes. */
function projectWithDockerfile(root: string, name: string, dockerfile: string): string {
  const dir = copySample('numpy-classifier', root, name);
  fs.mkdirSync(path.join(dir, '.skylift'));
  fs.writeFileSync(path.join(dir, '.skylift', 'Dockerfile.local'), dockerfile);
  return dir;
}

describe.each(['classic', 'buildkit'] as const)('build failures and cancel with the %s builder (real engine)', (builder) => {
  const tempDir = useTempDir();
  let core: Core;
  let home: string;
  const names = [`it-fail-${builder}-${process.pid}`, `it-cancel-${builder}-${process.pid}`];

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-buildfail-it-');
    core = testCore(home);
  });
  afterAll(async () => {
    await core.close();
    await removeImages(names.map((n) => `skylift/${n}:local`));
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('fails the job with the failing step and its last lines', async () => {
    const dir = projectWithDockerfile(tempDir(), names[0], `FROM ${TEST_BASE_IMAGE}\nRUN echo fine\nRUN echo "the model zoo is closed" && exit 3\nRUN echo never\n`);
    const { job } = await finished(core, core.builds.start({ dir, variant: 'local', builder }));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('BUILD_STEP_FAILED');
    // Step 3 of the Dockerfile; the total also counts the LABEL steps the engine adds for our labels.
    expect(job.error?.message).toMatch(/step 3\/\d+ \(RUN echo "the model zoo is closed" && exit 3\)/);
    expect(job.error?.message).toMatch(/returned a non-zero code: 3|exit code: 3/); // classic | BuildKit wording
    expect(job.error?.message).toContain('the model zoo is closed');
    expect(job.error?.message).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('cancels a running build: the job ends cancelled, nothing is tagged, no intermediate container is left', async () => {
    const dir = projectWithDockerfile(tempDir(), names[1], `FROM ${TEST_BASE_IMAGE}\nRUN echo started-${Date.now()} && sleep 60\nRUN echo never\n`);
    const job = core.builds.start({ dir, variant: 'local', builder });
    // Wait until the slow step is running: its first output line is in the job log.
    let running = false;
    for (let i = 0; i < 300 && !running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      running = core.jobStore.events(job.id, -1).some((e) => e.type === 'log' && e.line.startsWith('started-'));
    }
    expect(running).toBe(true);
    const stepContainers = core.jobStore.events(job.id, -1).map((e) => (e.type === 'log' ? /Running in (\w+)/.exec(e.line)?.[1] : undefined)).filter(Boolean) as string[];
    if (builder === 'classic') expect(stepContainers.length).toBeGreaterThan(0);
    const cancelled = await core.jobs.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    await expect(docker.getImage(`skylift/${names[1]}:local`).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // The engine may take a moment to reap the step's container after the client goes away.
    let left: string[] = stepContainers;
    for (let i = 0; i < 50 && left.length > 0; i++) {
      const all = await docker.listContainers({ all: true });
      left = stepContainers.filter((id) => all.some((c) => c.Id.startsWith(id)));
      if (left.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(left).toEqual([]);
  }, 120_000);

  it('refuses a bad skylift.yaml before any job starts, naming file, line and field', () => {
    const dir = copySample('numpy-classifier', tempDir(), `it-bad-${builder}-${process.pid}`);
    const file = path.join(dir, 'skylift.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('memoryMb: 1024', 'memoryMb: 99999'));
    expect(() => core.builds.start({ dir, variant: 'all', builder })).toThrow(
      expect.objectContaining({ code: 'PROJECT_INVALID', message: expect.stringMatching(/skylift\.yaml:\d+:\d+: targets\.aws-lambda\.memoryMb/) }),
    );
  });
});
