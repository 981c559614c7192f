import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../main/core/run/lambda/limits';
import { skylift } from '../helpers/cli';
import { useTempDir } from '../helpers/temp';

const BIN = path.resolve('bin/skylift.cjs');
/** Far past a prompt refusal; before the fix /dev/zero grew to 6 GB and never ended. */
const DEADLINE_MS = 20_000;

/**
 * `skylift invoke --payload` as a user runs it (built CLI: npm run build first). The payload is read
 * before any image is needed, so these run without a build.
 */
describe('skylift invoke --payload: what it refuses to read', () => {
  const tempDir = useTempDir('skylift-invoke-payload-');

  const expectRefusal = (result: { status: number | null; stderr: string }, message: RegExp) => {
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  };

  it.each([
    ['/dev/zero', () => '/dev/zero', /The payload \/dev\/zero is not a regular file \(a device\)/],
    ['a folder', (dir: string) => dir, /is not a regular file \(a folder\)/],
    ['a FIFO', (dir: string) => (execFileSync('mkfifo', [path.join(dir, 'pipe')]), path.join(dir, 'pipe')), /is not a regular file \(a named pipe \(FIFO\)\)/],
    ['a 7 MiB file', (dir: string) => (fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(7 * 1024 * 1024, 0x20)), path.join(dir, 'big.json')), /The payload is 7,340,032 bytes; skylift invoke sends at most 6,291,456 bytes \(6 MiB\), Lambda's request limit/],
  ])('refuses %s at once, exit 1, no stack', (_what, make, message) => {
    const dir = tempDir();
    const started = performance.now();
    const result = skylift(['invoke', dir, '--payload', make(dir)], { SKYLIFT_HOME: tempDir() });
    expectRefusal(result, message);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS);
  });

  it('reads stdin only up to the limit: an endless stdin and one 7 MiB too many are refused', () => {
    const env = { ...process.env, SKYLIFT_HOME: tempDir() };
    const endless = fs.openSync('/dev/zero', 'r');
    try {
      const result = spawnSync(process.execPath, [BIN, 'invoke', tempDir(), '--payload', '-'], { env, stdio: [endless, 'pipe', 'pipe'], encoding: 'utf8', timeout: DEADLINE_MS });
      expectRefusal(result, /The payload is more than 6,291,456 bytes; skylift invoke sends at most/);
    } finally {
      fs.closeSync(endless);
    }
    const piped = spawnSync(process.execPath, [BIN, 'invoke', tempDir(), '--payload', '-'], { env, input: Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20), encoding: 'utf8', timeout: DEADLINE_MS });
    expectRefusal(piped, /The payload is more than 6,291,456 bytes/);
  });
});
