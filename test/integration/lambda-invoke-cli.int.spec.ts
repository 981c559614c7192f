import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skylift } from '../helpers/cli';
import { writeProbeProject } from '../helpers/probe-project';
import { useTempDir } from '../helpers/temp';

/** `skylift invoke` as a user runs it (built CLI: npm run build first). */
describe('skylift invoke --variant aws-lambda: payload bytes', () => {
  const tempDir = useTempDir('skylift-lambda-cli-');

  it('refuses a payload file that is not UTF-8, as Lambda\'s Invoke does, instead of sending U+FFFD', () => {
    const home = tempDir();
    const dir = writeProbeProject(path.join(tempDir(), 'probe'), `cli-utf8-${process.pid}`);
    const payload = path.join(dir, 'latin1.json');
    fs.writeFileSync(payload, Buffer.concat([Buffer.from('{"city":"S'), Buffer.from([0xe3]), Buffer.from('o Paulo"}')])); // "São" in Latin-1
    const result = skylift(['invoke', dir, '--variant', 'aws-lambda', '--payload', payload, '--json'], { SKYLIFT_HOME: home });
    expect(result.status, result.stderr).not.toBe(0);
    const printed = `${result.stdout}${result.stderr}`;
    expect(printed).toContain('INVALID_REQUEST_CONTENT');
    expect(printed).toContain('Invalid UTF-8 middle byte 0x6f (at byte 11)');
    expect(printed).not.toContain('IMAGE_NOT_BUILT'); // refused before any container or image is needed
  });
});
