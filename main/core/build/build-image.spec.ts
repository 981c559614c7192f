import { PassThrough, Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { buildImage } from './build-image';

/** An engine whose build response is the given lines, then a clean end; the tag already names an older image. */
function engineAnswering(lines: object[]): Dockerode {
  return {
    buildImage: async () => Readable.from(lines.map((line) => `${JSON.stringify(line)}\n`)),
    getImage: () => ({ inspect: async () => ({ Id: 'sha256:previous-build' }) }),
  } as unknown as Dockerode;
}

const job = { signal: new AbortController().signal, log: () => undefined, step: () => undefined, progress: () => undefined };
const build = (docker: Dockerode, builder: 'classic' | 'buildkit' = 'classic') =>
  buildImage({ docker, context: new PassThrough(), tag: 'skylift/x:local', labels: {}, buildArgs: {}, builder, job });

describe('buildImage decides success from the engine\'s word only', () => {
  it('a stream that ends without the engine reporting an image is a dropped connection, not the tag\'s old image', async () => {
    const docker = engineAnswering([{ stream: 'Step 1/3 : FROM base\n' }, { stream: 'Step 2/3 : RUN make\n' }]);
    await expect(build(docker)).rejects.toMatchObject({
      code: 'BUILD_CONNECTION_DROPPED',
      message: expect.stringMatching(/^The engine connection dropped mid-build, at step 2\/3 \(RUN make\)/),
      hint: expect.stringContaining('Start the Docker engine'),
    });
    await expect(build(engineAnswering([]), 'buildkit')).rejects.toMatchObject({ message: expect.stringContaining('before the first step') });
  });

  it('succeeds with the id the engine reported (classic aux, classic text, BuildKit moby.image.id)', async () => {
    await expect(build(engineAnswering([{ stream: 'Step 1/1 : FROM base\n' }, { aux: { ID: 'sha256:new' } }]))).resolves.toMatchObject({ imageId: 'sha256:new' });
    await expect(build(engineAnswering([{ stream: 'Successfully built 0123456789ab\n' }]))).resolves.toMatchObject({ imageId: '0123456789ab' });
    await expect(build(engineAnswering([{ id: 'moby.image.id', aux: { ID: 'sha256:bk' } }]), 'buildkit')).resolves.toMatchObject({ imageId: 'sha256:bk' });
  });
});
