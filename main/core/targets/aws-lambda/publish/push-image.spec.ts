import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { JobEventInput } from '../../../../../shared/contract/jobs';
import { pushImage } from './push-image';

/**
 * The engine's side of a push, faked at dockerode's surface: the stall deadline, cancellation and
 * untagging are pushImage's own logic, shown here without a registry. The real engine and registry
 * are in test/integration/push-image.int.spec.ts.
 */
function fakeEngine(options: { existingTags?: string[]; missingImage?: boolean } = {}) {
  const tags = new Set(options.existingTags ?? []);
  const stream = new PassThrough();
  const pushedNames: string[] = [];
  const docker = {
    getImage: (name: string) => ({
      inspect: async () => {
        if (!tags.has(name)) throw Object.assign(new Error('no such image'), { statusCode: 404 });
        return {};
      },
      tag: async ({ repo, tag }: { repo: string; tag: string }) => {
        if (options.missingImage) throw Object.assign(new Error('no such image'), { statusCode: 404 });
        tags.add(`${repo}:${tag}`);
      },
      push: async ({ tag }: { tag: string }) => {
        pushedNames.push(`${name}:${tag}`);
        return stream;
      },
      remove: async () => {
        tags.delete(name);
      },
    }),
  } as unknown as Dockerode;
  return { docker, stream, tags, pushedNames };
}

const registry = { host: '127.0.0.1:5000', username: 'AWS', password: 'not-a-real-password-1234' };
const base = { image: 'skylift/iris:local', registry, repository: 'iris', tag: 'v1' };
const line = (message: object) => `${JSON.stringify(message)}\n`;
const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('pushImage: deadlines, cancel and cleanup', () => {
  it('answers the digest from aux, pushes only its own tag, and removes the tag it added', async () => {
    const engine = fakeEngine();
    const pushing = pushImage({ docker: engine.docker, ...base });
    await new Promise((r) => setTimeout(r, 10));
    engine.stream.end(line({ status: 'Pushed', id: 'aaaaaaaaaaaa' }) + line({ status: 'v1: digest: sha256:ignored size: 1' }) + line({ aux: { Tag: 'v1', Digest: DIGEST, Size: 1 } }));
    const result = await pushing;
    expect(result).toMatchObject({ digest: DIGEST, imageUri: `127.0.0.1:5000/iris@${DIGEST}` });
    expect(engine.pushedNames).toEqual(['127.0.0.1:5000/iris:v1']);
    expect(engine.tags.has('127.0.0.1:5000/iris:v1')).toBe(false);
  });

  it('keeps a tag that existed before the push', async () => {
    const engine = fakeEngine({ existingTags: ['127.0.0.1:5000/iris:v1'] });
    const pushing = pushImage({ docker: engine.docker, ...base });
    await new Promise((r) => setTimeout(r, 10));
    engine.stream.end(line({ aux: { Digest: DIGEST } }));
    await pushing;
    expect(engine.tags.has('127.0.0.1:5000/iris:v1')).toBe(true);
  });

  it('a stream that stops moving fails at the stall deadline, saying the engine was retrying', async () => {
    const engine = fakeEngine();
    const pushing = pushImage({ docker: engine.docker, ...base, stallMs: 300 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    engine.stream.write(line({ status: 'Pushing', id: 'aaaaaaaaaaaa', progressDetail: { current: 10, total: 100 } }));
    // Retries keep the stream talking, but they are not progress.
    const chatter = setInterval(() => engine.stream.write(line({ status: 'Retrying in 5 seconds', id: 'aaaaaaaaaaaa' })), 50);
    const failure = await pushing;
    clearInterval(chatter);
    expect(failure).toMatchObject({ code: 'PUSH_STALLED', message: expect.stringContaining('retrying layer aaaaaaaaaaaa') });
    expect(engine.stream.destroyed).toBe(true);
    expect(engine.tags.size).toBe(0);
  });

  it('cancel destroys the stream, rejects as a cancellation and untags', async () => {
    const engine = fakeEngine();
    const controller = new AbortController();
    const pushing = pushImage({ docker: engine.docker, ...base, signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await pushing).toMatchObject({ name: 'AbortError' });
    expect(engine.stream.destroyed).toBe(true);
    expect(engine.tags.size).toBe(0);
  });

  it("the engine's error line becomes a SkyliftError with a hint, and the password is scrubbed from it and from events", async () => {
    const engine = fakeEngine();
    const events: JobEventInput[] = [];
    const pushing = pushImage({ docker: engine.docker, ...base, onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    engine.stream.end(`echo ${registry.password}\n` + line({ error: `name unknown: repository iris not found (${registry.password})` }));
    const failure = (await pushing) as Error & { code: string; hint: string; details: unknown };
    expect(failure).toMatchObject({ code: 'PUSH_REPOSITORY_UNKNOWN', hint: expect.stringContaining('repository') });
    expect(JSON.stringify([events, failure.message, failure.details])).not.toContain(registry.password);
  });

  it('a stream that ends without a digest is a failure, not a success with no digest', async () => {
    const engine = fakeEngine();
    const pushing = pushImage({ docker: engine.docker, ...base }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    engine.stream.end(line({ status: 'Pushed', id: 'aaaaaaaaaaaa' }));
    expect(await pushing).toMatchObject({ code: 'PUSH_FAILED', message: expect.stringContaining('without reporting a digest') });
  });

  it('an image that is not in the engine says to build it', async () => {
    const engine = fakeEngine({ missingImage: true });
    await expect(pushImage({ docker: engine.docker, ...base })).rejects.toMatchObject({ code: 'PUSH_IMAGE_MISSING', hint: expect.stringContaining('skylift build') });
  });
});
