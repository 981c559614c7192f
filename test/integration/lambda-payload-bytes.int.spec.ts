import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';
import { useTempDir } from '../helpers/temp';

/** "São" in Latin-1: the kind of file an editor saves when it is not set to UTF-8. */
const LATIN1 = Buffer.concat([Buffer.from('{"city":"S'), Buffer.from([0xe3]), Buffer.from('o Paulo"}')]);

/** Payload files reach an aws-lambda variant as the bytes on disk, checked as Lambda's Invoke checks them. */
describe('aws-lambda payload bytes (core)', () => {
  const tempDir = useTempDir('skylift-lambda-bytes-');
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  function project(): string {
    core = testCore(tempDir());
    const dir = writeProbeProject(path.join(tempDir(), 'probe'), `bytes-${process.pid}`);
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'latin1.json'), LATIN1);
    return dir;
  }

  it('resolves a project payload file to its exact bytes, not a decoded copy', () => {
    const dir = project();
    const [bytes] = core!.payloads.resolve(dir, ['latin1.json']);
    expect(bytes.equals(LATIN1)).toBe(true);
  });

  it('refuses a bench of a payload file that is not UTF-8 before a job exists', () => {
    const dir = project();
    const jobsBefore = core!.jobStore.list(1000).length;
    expect(() => core!.runService.startBench({ dir, variant: 'aws-lambda', payloads: ['latin1.json'] })).toThrow(/Invalid UTF-8 middle byte 0x6f \(at byte 11\)/);
    expect(core!.jobStore.list(1000).length).toBe(jobsBefore);
  });
});
