import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/errors';
import { engineCall, imageHistory, inspectImage } from './engine-call';

/** A stand-in engine over loopback that answers as told, or holds the request (a paused engine); it records when a request's socket closes. */
async function engine(answer: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | 'never') {
  const closed: string[] = [];
  const server = http.createServer((req, res) => {
    req.socket.on('close', () => closed.push(req.url ?? ''));
    if (answer !== 'never') answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { docker: new Dockerode({ host: '127.0.0.1', port, protocol: 'http' }), closed, close: () => server.close() };
}

describe('engineCall', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it('names a silent engine at the deadline and closes the request it left open', async () => {
    const fake = await engine('never');
    closers.push(fake.close);
    await expect(engineCall('inspect the deps image', (signal) => inspectImage(fake.docker, 'skylift-deps/p:local', signal), 200)).rejects.toMatchObject({
      code: ErrorCode.EngineUnreachable,
      message: expect.stringContaining('(inspect the deps image) within 0 s'),
    });
    await expect.poll(() => fake.closed, { timeout: 2000 }).toEqual(['/images/skylift-deps/p:local/json']);
  });

  it('reads inspect and history answers, and keeps the engine\'s 404 as a 404', async () => {
    const fake = await engine((req, res) => {
      if (req.url?.endsWith('/history')) return res.end(JSON.stringify([{ Id: 'a', CreatedBy: 'x', Size: 1 }]));
      if (req.url?.includes('gone')) return res.writeHead(404).end('{"message":"No such image"}');
      return res.end('{"Id":"sha256:abc"}');
    });
    closers.push(fake.close);
    const signal = new AbortController().signal;
    await expect(engineCall('inspect', (s) => inspectImage(fake.docker, 'x:1', s))).resolves.toMatchObject({ Id: 'sha256:abc' });
    await expect(engineCall('history', (s) => imageHistory(fake.docker, 'sha256:abc', s))).resolves.toEqual([{ Id: 'a', CreatedBy: 'x', Size: 1 }]);
    await expect(inspectImage(fake.docker, 'gone:1', signal)).rejects.toMatchObject({ statusCode: 404 });
  });
});
