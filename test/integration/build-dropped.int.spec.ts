import Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImage, type BuildImageInput } from '../../main/core/build/build-image';
import { pack } from 'tar-stream';
import { docker, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { engineProxy } from '../helpers/engine-proxy';

function contextOf(dockerfile: string): Readable {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, dockerfile);
  tar.finalize();
  return tar as unknown as Readable;
}

function jobSpy() {
  const lines: string[] = [];
  const job: BuildImageInput['job'] = { signal: new AbortController().signal, log: (line) => void lines.push(line), step: () => undefined, progress: () => undefined };
  return { job, lines };
}

describe.each([
  ['classic', 'close'],
  ['buildkit', 'close'],
  ['classic', 'reset'],
] as const)('a build whose engine connection drops (%s builder, connection %s, real engine)', (builder, how) => {
  const tag = `skylift/it-dropped-${builder}-${how}-${process.pid}:local`;
  afterAll(() => removeImages([tag]));

  it('fails with "the engine connection dropped mid-build" instead of reporting the previous image as the new build', async () => {
    // A first, good build: the tag now names an image a lying build would hand back.
    const first = jobSpy();
    const previous = await buildImage({ docker, context: contextOf(`FROM ${TEST_BASE_IMAGE}\nRUN echo first > /built\n`), tag, labels: {}, buildArgs: {}, builder, job: first.job });
    expect(previous.imageId).toMatch(/^sha256:/);

    const proxy = await engineProxy();
    try {
      const viaProxy = new Dockerode({ host: '127.0.0.1', port: proxy.port });
      const second = jobSpy();
      const marker = `second-${Date.now()}`;
      const build = buildImage({ docker: viaProxy, context: contextOf(`FROM ${TEST_BASE_IMAGE}\nRUN echo ${marker} && sleep 30\n`), tag, labels: {}, buildArgs: {}, builder, job: second.job });
      build.catch(() => undefined);
      for (let i = 0; i < 300 && !second.lines.some((l) => l.includes(marker)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(second.lines.some((l) => l.includes(marker))).toBe(true);
      proxy.cut(how);
      await expect(build).rejects.toMatchObject({
        code: 'BUILD_CONNECTION_DROPPED',
        message: expect.stringMatching(/engine connection dropped mid-build, at step \d+\/\d+ .*nothing was built/),
        hint: expect.stringMatching(/Start the Docker engine/),
      });
      // The tag still names the first image: nothing new was made.
      expect((await docker.getImage(tag).inspect()).Id).toBe(previous.imageId);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
