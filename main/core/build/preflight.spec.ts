import { describe, expect, it } from 'vitest';
import { LAMBDA_MAX_IMAGE_BYTES, preflight } from './preflight';

const x86 = { architecture: 'x86_64', engineArchitecture: 'amd64' };
const image = (sizeBytes: number, architecture = 'amd64') => ({ sizeBytes, architecture, os: 'linux' });
const status = (result: ReturnType<typeof preflight>, name: string) => result.checks.find((c) => c.name === name);

describe('preflight', () => {
  it("passes a small single-architecture image for Lambda, with the numbers", () => {
    const result = preflight('aws-lambda', image(512 * 1024 ** 2), x86);
    expect(status(result, 'Image size')).toMatchObject({ status: 'pass', detail: expect.stringContaining('512.0 MiB of Lambda\'s 10.0 GiB') });
    expect(status(result, 'Architecture')?.status).toBe('pass');
  });

  it("warns near Lambda's 10 GB limit and fails above it", () => {
    expect(status(preflight('aws-lambda', image(LAMBDA_MAX_IMAGE_BYTES * 0.95), x86), 'Image size')?.status).toBe('warn');
    expect(status(preflight('aws-lambda', image(LAMBDA_MAX_IMAGE_BYTES + 1), x86), 'Image size')?.status).toBe('fail');
  });

  it('fails an architecture the target does not run', () => {
    expect(status(preflight('aws-lambda', image(1, 'arm64'), x86), 'Architecture')?.status).toBe('fail');
    expect(status(preflight('aws-lambda', image(1, 'arm64'), { architecture: 'arm64', engineArchitecture: 'amd64' }), 'Architecture')?.status).toBe('pass');
    expect(status(preflight('azure-functions', image(1, 'arm64'), x86), 'Architecture')?.status).toBe('fail');
    expect(status(preflight('local', image(1, 'arm64'), x86), 'Architecture')?.status).toBe('warn');
  });
});
