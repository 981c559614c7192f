import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through proxy in front of docker-registry that refuses repositories ECR does not know:
 * distribution accepts a push to any name, ECR answers "name unknown" unless CreateRepository
 * came first, and a client that pushes before it creates must fail here as it would there.
 * Requests without the right credentials pass through, so the registry's own 401 answers them.
 */
export interface RegistryGate {
  /** `127.0.0.1:PORT`, the address clients use. */
  host: string;
  /** Stops listening and cuts open connections, as a registry that goes down. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
}

export type RepositoryCheck = (repository: string) => { known: true } | { known: false; message: string };

const REPOSITORY_PATH = /^\/v2\/(.+?)\/(blobs|manifests|tags)\//;

export async function startRegistryGate(options: { upstream: () => string; authorization: string; check: () => RepositoryCheck | null }): Promise<RegistryGate> {
  const server = http.createServer((req, res) => {
    const repository = REPOSITORY_PATH.exec(req.url ?? '')?.[1];
    const check = options.check();
    const verdict = repository && check && req.headers.authorization === options.authorization ? check(repository) : { known: true as const };
    if (!verdict.known) {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' });
      res.end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: verdict.message, detail: { name: repository } }] }));
      return;
    }
    forward(req, res, options.upstream());
  });
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve();
    });
  });
  await listen();
  return {
    get host() { return `127.0.0.1:${port}`; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
    reopen: listen,
  };
}

/** Streams the request to the registry and its answer back; the Host header is kept, so the registry's Location URLs point at the gate. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, upstream: string): void {
  const [hostname, port] = upstream.split(':');
  const out = http.request({ hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  // The registry went away mid-request: cut the client's connection too, as the registry's own would be.
  out.on('error', () => res.destroy());
  req.pipe(out);
}
