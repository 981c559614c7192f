import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceId } from '../../main/core/run/labels';
import { docker, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { spawnSkylift, type SkyliftChild } from '../helpers/cli-child';
import { removeProjectImages, versionAt, writeModel, writeVersionedProject } from './watch-helpers';

/** `skylift run --watch`, the built command as a user runs it, on the real engine. */
describe('skylift run --watch (real engine)', () => {
  let home: string;
  let dir: string;
  let cli: SkyliftChild | undefined;
  const name = `it-watch-cli-${process.pid}`;
  const env = () => ({ SKYLIFT_HOME: path.join(home, 'data') });
  const containers = () => docker.listContainers({ all: true, filters: { label: [`dev.skylift.instance=${instanceId(path.join(home, 'data'))}`] } });

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-watch-cli-');
    dir = writeVersionedProject(path.join(home, 'probe'), name);
    const built = spawnBuild();
    expect(built.status, built.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await cli?.kill();
    await removeProjectImages(name);
    fs.rmSync(home, { recursive: true, force: true });
  });
  const spawnBuild = () => skylift(['build', dir, '--variant', 'local', '--base-image', TEST_BASE_IMAGE], env());

  it('prints the swap line after a save, the same address answers the new code, a broken save is reported on stderr, Ctrl-C leaves no containers', async () => {
    cli = spawnSkylift(['run', dir, '--variant', 'local', '--watch'], env());
    await expect.poll(() => cli!.stdout(), { timeout: 60_000 }).toMatch(/Running at http:\/\/127\.0\.0\.1:\d+\/predict/);
    const address = /Running at (\S+)/.exec(cli.stdout())![1]!;
    expect(await versionAt(address)).toBe('v1');

    writeModel(dir, 'v2');
    await expect.poll(() => cli!.stdout(), { timeout: 90_000 }).toMatch(/rebuilt in \d+\.\d s · model loaded in \d+\.\d s · answering \d+\.\d s after save\n/);
    expect(await versionAt(address)).toBe('v2');

    writeModel(dir, 'v-broken', true);
    await expect.poll(() => cli!.stderr(), { timeout: 90_000 }).toMatch(/Rebuild on save: .* The previous version keeps serving; save again to retry\./);
    expect(await versionAt(address)).toBe('v2');

    cli.signal('SIGINT');
    expect((await cli.exited).code).toBe(0);
    expect(await containers()).toEqual([]);
  }, 300_000);
});
