import net from 'node:net';

/**
 * A loopback TCP proxy in front of the Docker socket, so a test can cut Skylift's engine
 * connection at a moment it chooses (as a daemon restart, a VPN drop or an SSH tunnel dying does).
 */
export async function engineProxy(socketPath = '/var/run/docker.sock'): Promise<{ port: number; cut(how: 'close' | 'reset'): void; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const engine = net.connect(socketPath);
    for (const socket of [client, engine]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    clients.add(client);
    client.pipe(engine).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    // 'close': an orderly FIN to Skylift mid-response, as when the engine goes away cleanly; 'reset': torn down.
    cut: (how) => {
      if (how === 'close') clients.forEach((client) => client.unpipe().end());
      open.forEach((socket) => (how === 'close' && clients.has(socket) ? undefined : socket.destroy()));
    },
    close: () => {
      open.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
