import { describe, expect, it } from 'vitest';
import { createBuildkitStreamParser, createBuildStreamParser } from './build-stream';
import { encodeBuildkitStatus } from './buildkit-status';

function parse(chunks: string[]) {
  const seen = { steps: [] as string[], logs: [] as string[], cache: 0, ids: [] as string[], errors: [] as string[] };
  const feed = createBuildStreamParser({
    step: (i, total, text) => seen.steps.push(`${i}/${total} ${text}`),
    log: (line) => seen.logs.push(line),
    cacheHit: () => seen.cache++,
    imageId: (id) => seen.ids.push(id),
    error: (message) => seen.errors.push(message),
  });
  chunks.forEach(feed);
  return seen;
}

describe('createBuildStreamParser', () => {
  it('finds steps, cache hits and the image id, even across chunk boundaries', () => {
    const seen = parse([
      '{"stream":"Step 1/3 : FROM base"}\n{"stream":"\\n"}\n{"stream":" ---> 1234\\n"}\n{"stream":"Step 2/3 : RUN ',
      'echo hi\\n"}\n{"stream":" ---> Using cache\\n"}\n',
      '{"stream":"Step 3/3 : COPY app/ /app/\\n"}\n{"aux":{"ID":"sha256:abc"}}\n{"stream":"Successfully built abc\\n"}\n',
    ]);
    expect(seen.steps).toEqual(['1/3 FROM base', '2/3 RUN echo hi', '3/3 COPY app/ /app/']);
    expect(seen.cache).toBe(1);
    expect(seen.ids).toEqual(['sha256:abc']);
    expect(seen.logs).toContain('Successfully built abc');
  });

  it('takes the id from "Successfully built" on engines that send no aux ID, and never lets it replace a full one', () => {
    expect(parse(['{"stream":"Step 1/1 : FROM base\\n"}\n{"stream":"Successfully built 0123456789ab\\n"}\n']).ids).toEqual(['0123456789ab']);
    expect(parse(['{"aux":{"ID":"sha256:abc"}}\n{"stream":"Successfully built 0123456789ab\\n"}\n']).ids).toEqual(['sha256:abc']);
  });

  it('reports the engine error message', () => {
    const seen = parse(['{"errorDetail":{"code":100,"message":"The command \'/bin/sh -c apt-get install nope\' returned a non-zero code: 100"},"error":"x"}\n']);
    expect(seen.errors).toEqual(["The command '/bin/sh -c apt-get install nope' returned a non-zero code: 100"]);
  });
});

describe('createBuildkitStreamParser', () => {
  const trace = (status: Parameters<typeof encodeBuildkitStatus>[0]) => `${JSON.stringify({ id: 'moby.buildkit.trace', aux: encodeBuildkitStatus(status) })}\n`;

  function parseBuildkit(chunks: string[]) {
    const seen = { steps: [] as string[], logs: [] as string[], cache: 0, ids: [] as string[], errors: [] as string[], failedAt: [] as string[] };
    const feed = createBuildkitStreamParser({
      step: (i, total, text) => seen.steps.push(`${i}/${total} ${text}`),
      log: (line) => seen.logs.push(line),
      cacheHit: () => seen.cache++,
      imageId: (id) => seen.ids.push(id),
      failedAt: (i, total, text) => seen.failedAt.push(`${i}/${total} ${text}`),
      error: (message) => seen.errors.push(message),
    });
    chunks.forEach(feed);
    return seen;
  }

  it('turns vertexes into steps once each, counts cached steps, decodes output and finds the image id', () => {
    const seen = parseBuildkit([
      trace({ vertexes: [{ digest: 'a', name: '[internal] load build definition', started: true }, { digest: 'b', name: '[1/3] FROM base', started: true, cached: true }] }),
      trace({ vertexes: [{ digest: 'b', name: '[1/3] FROM base', started: true, completed: true, cached: true }, { digest: 'c', name: '[2/3] RUN echo hi', started: true }] }),
      trace({ logs: [{ vertex: 'c', text: 'hi\nthere\n' }] }),
      `${JSON.stringify({ id: 'moby.image.id', aux: { ID: 'sha256:feed' } })}\n`,
    ]);
    expect(seen.steps).toEqual(['1/3 FROM base', '2/3 RUN echo hi']);
    expect(seen.cache).toBe(1);
    expect(seen.logs).toEqual(expect.arrayContaining(['hi', 'there', '=> [internal] load build definition', '=> CACHED [1/3] FROM base']));
    expect(seen.ids).toEqual(['sha256:feed']);
  });

  it('names the failing step and passes on the engine error', () => {
    const seen = parseBuildkit([
      trace({ vertexes: [{ digest: 'c', name: '[2/3] RUN exit 3', started: true, error: 'process "/bin/sh -c exit 3" did not complete successfully: exit code: 3' }] }),
      `${JSON.stringify({ errorDetail: { message: 'process "/bin/sh -c exit 3" did not complete successfully: exit code: 3' } })}\n`,
    ]);
    expect(seen.failedAt).toEqual(['2/3 RUN exit 3']);
    expect(seen.errors[0]).toContain('exit code: 3');
  });
});
