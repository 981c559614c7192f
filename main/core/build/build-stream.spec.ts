import { describe, expect, it } from 'vitest';
import { createBuildStreamParser } from './build-stream';

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

  it('reports the engine error message', () => {
    const seen = parse(['{"errorDetail":{"code":100,"message":"The command \'/bin/sh -c apt-get install nope\' returned a non-zero code: 100"},"error":"x"}\n']);
    expect(seen.errors).toEqual(["The command '/bin/sh -c apt-get install nope' returned a non-zero code: 100"]);
  });
});
