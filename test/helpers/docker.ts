import { execFileSync } from 'node:child_process';
import net from 'node:net';

/** What the docker CLI reports for the engine, to compare Skylift's view against. */
export function dockerServerVersion(): string {
  return execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
}

export const engineSocket = (): string => (process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock');

/**
 * A loopback TCP door to the engine's unix socket that a test can shut and reopen on the same
 * port: the engine "goes away" and "comes back" without touching the real dockerd.
 */
export class EngineDoor {
  private server: net.Server | undefined;
  private readonly open = new Set<net.Socket>();
  port = 0;

  async openDoor(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(engineSocket());
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async shut(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
