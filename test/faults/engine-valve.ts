import net from 'node:net';

export type ValveMode = 'open' | 'paused' | 'answers-held';

/**
 * A loopback TCP proxy in front of the Docker socket that a probe can pause, as a stopped engine
 * (SIGSTOP, a frozen VM) or a wedged tunnel does: 'paused' forwards nothing either way (the
 * sender's writes back up), 'answers-held' passes requests on but holds every answer. It can also
 * pause itself once a number of request bytes went through, to catch an upload mid-way.
 */
export async function engineValve(socketPath = '/var/run/docker.sock', options: { beforeRequest?: (head: string) => void } = {}) {
  const pairs = new Set<{ client: net.Socket; engine: net.Socket }>();
  let mode: ValveMode = 'open';
  let sent = 0;
  let pauseAfter = Infinity;
  let onPaused: (() => void) | null = null;
  const held: Array<[net.Socket, Buffer]> = [];
  const flow = () => {
    if (mode !== 'paused') for (const [engine, chunk] of held.splice(0)) engine.write(chunk);
    for (const { client, engine } of pairs) {
      if (mode === 'open') (client.resume(), engine.resume());
      if (mode === 'paused') (client.pause(), engine.pause());
      if (mode === 'answers-held') (client.resume(), engine.pause());
    }
  };
  const server = net.createServer((client) => {
    const engine = net.connect(socketPath);
    const pair = { client, engine };
    pairs.add(pair);
    for (const socket of [client, engine]) {
      socket.on('error', () => undefined);
      socket.on('close', () => (pairs.delete(pair), client.destroy(), engine.destroy()));
    }
    client.on('data', (chunk: Buffer) => {
      // A request's first bytes (method and path), for a probe that acts just before the engine sees it (a pause there holds this request too).
      if (options.beforeRequest && /^[A-Z]+ \//.test(chunk.toString('latin1', 0, 16))) options.beforeRequest(chunk.toString('latin1', 0, 200).split('\r\n')[0]);
      if (mode === 'paused') return void held.push([engine, chunk]);
      engine.write(chunk);
      sent += chunk.length;
      if (sent >= pauseAfter && mode === 'open') {
        pauseAfter = Infinity;
        mode = 'paused';
        flow();
        onPaused?.();
      }
    });
    engine.on('data', (chunk: Buffer) => client.write(chunk));
    flow();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    set(next: ValveMode) {
      mode = next;
      flow();
    },
    /** Resolves once `bytes` more request bytes went through and the valve paused itself. */
    pauseAfter(bytes: number): Promise<void> {
      pauseAfter = sent + bytes;
      return new Promise((resolve) => (onPaused = resolve));
    },
    /** 'close': an orderly FIN to Skylift; 'reset': both sides torn down. */
    cut(how: 'close' | 'reset') {
      for (const { client, engine } of pairs) {
        if (how === 'close') client.end();
        else client.destroy();
        engine.destroy();
      }
    },
    close(): Promise<void> {
      for (const { client, engine } of pairs) (client.destroy(), engine.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
