import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { containerCreateOptions, startContainer } from '../../main/core/run/container';
import { instanceId } from '../../main/core/run/labels';
import { createSession } from '../../main/core/run/session-factory';
import { projectConfigSchema } from '../../shared/project/schema';
import { docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { spawnSkylift } from '../helpers/cli-child';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';

describe('GPU requests and leftover containers (real engine)', () => {
  let home: string;
  let core: Core;
  let dir: string;
  const name = `it-cleanup-${process.pid}`;

  beforeAll(async () => {
    home = fs.mkdtempSync('/tmp/skylift-cleanup-it-');
    core = testCore(home);
    dir = writeProbeProject(path.join(home, 'probe'), name);
    expect((await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }))).job.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await core.close();
    await removeImages([`skylift/${name}:local`]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('asks the engine for every NVIDIA GPU, and turns the engine\'s refusal into the clear GPU error', async () => {
    const spec = { image: `skylift/${name}:local`, variant: 'local' as const, project: name, jobId: 'gpu-test', instance: 'gpu-test', env: {}, gpu: true, publishHttp: true };
    const container = await docker.createContainer(containerCreateOptions(spec));
    try {
      const inspected = await container.inspect();
      expect(inspected.HostConfig.DeviceRequests).toEqual([{ Driver: 'nvidia', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }]);
      const error = await startContainer(container, 'local').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'GPU_UNAVAILABLE', message: expect.stringContaining('no NVIDIA runtime'), hint: expect.stringContaining('nvidia-ctk') });
      expect(JSON.stringify(error)).not.toContain('could not select device driver');
    } finally {
      await container.remove({ force: true });
    }
  });

  it('fails at once, before any container exists, when a GPU variant meets an engine without GPUs', async () => {
    const config = projectConfigSchema.parse({ name, python: '3.11', framework: { name: 'none' }, model: 'model:Probe', gpu: true, targets: { local: { baseImage: TEST_BASE_IMAGE } } });
    const error = await createSession(core.engine, { tag: `skylift/${name}:local`, imageId: '' }, { config, variant: 'local', jobId: 'gpu-early', instance: 'x', measureMemory: false, onLog: () => undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GPU_UNAVAILABLE', hint: expect.stringContaining('"gpu: false"') });
    expect(await docker.listContainers({ all: true, filters: { label: ['dev.skylift.job-id=gpu-early'] } })).toEqual([]);
  });

  it('removes the container a killed skylift process left behind, at the next start', async () => {
    const killedHome = path.join(home, 'killed');
    const cli = spawnSkylift(['run', dir, '--variant', 'local'], { SKYLIFT_HOME: killedHome });
    await expect.poll(() => cli.stdout(), { timeout: 60_000 }).toMatch(/Running at http:\/\/127\.0\.0\.1:\d+/);
    const label = `dev.skylift.instance=${instanceId(path.resolve(killedHome))}`;
    expect(await docker.listContainers({ all: true, filters: { label: [label] } })).toHaveLength(1);
    await cli.kill();
    expect(await docker.listContainers({ all: true, filters: { label: [label] } })).toHaveLength(1); // nothing cleaned up on a crash

    const restarted = testCore(path.resolve(killedHome));
    const swept = await restarted.startupSweep;
    expect(swept).toHaveLength(1);
    expect(await docker.listContainers({ all: true, filters: { label: [label] } })).toEqual([]);
    expect(restarted.jobStore.list(10)[0]).toMatchObject({ kind: 'run', state: 'interrupted' });
    await restarted.close();
  }, 120_000);
});
