import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { loadArchive } from './load-archive';

/** A stand-in engine over loopback: reads the upload, then answers as told (or never). */
async function engine(answer: ((res: http.ServerResponse) => void) | 'never'): Promise<{ docker: Dockerode; close: () => void; uploaded: () => number }> {
  let uploaded = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (uploaded += chunk.length));
    req.on('end', () => (answer === 'never' ? undefined : answer(res)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { docker: new Dockerode({ host: '127.0.0.1', port, protocol: 'http' }), close: () => server.close(), uploaded: () => uploaded };
}

const archive = () => Readable.from([Buffer.alloc(4096, 1), Buffer.alloc(4096, 2)]);

describe('loadArchive', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it('resolves when the engine reports the image loaded', async () => {
    const fake = await engine((res) => res.end('{"stream":"Loaded image: skylift-weights:x\\n"}\n'));
    closers.push(fake.close);
    await loadArchive(fake.docker, () => archive(), new AbortController().signal);
    expect(fake.uploaded()).toBe(8192);
  });

  it('turns the engine\'s error line into WEIGHTS_LOAD_FAILED with what to check', async () => {
    const fake = await engine((res) => res.end('{"errorMessage":"x","error":"write /var/lib/docker/tmp: no space left on device"}\n'));
    closers.push(fake.close);
    await expect(loadArchive(fake.docker, () => archive(), new AbortController().signal)).rejects.toMatchObject({ code: 'WEIGHTS_LOAD_FAILED', message: expect.stringContaining('no space left on device') });
  });

  it('gives up on an engine that goes silent, within the stall deadline', async () => {
    const fake = await engine('never');
    closers.push(fake.close);
    const started = Date.now();
    await expect(loadArchive(fake.docker, () => archive(), new AbortController().signal, 300)).rejects.toMatchObject({ code: 'WEIGHTS_LOAD_STALLED' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops on cancel, as a cancel', async () => {
    const fake = await engine('never');
    closers.push(fake.close);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(loadArchive(fake.docker, () => archive(), controller.signal, 60_000)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails with the archive\'s own error when the archive fails mid-stream', async () => {
    const fake = await engine('never');
    closers.push(fake.close);
    async function* failing() {
      yield Buffer.alloc(1024);
      throw Object.assign(new Error('weights changed'), { code: 'WEIGHTS_CHANGED' });
    }
    await expect(loadArchive(fake.docker, () => Readable.from(failing()), new AbortController().signal, 60_000)).rejects.toMatchObject({ code: 'WEIGHTS_CHANGED' });
  });
});
