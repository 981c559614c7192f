import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { registryBaseUrl, registryGet, REGISTRY_BODY_LIMIT } from './registry-http';

/**
 * A loopback server speaking the token-auth flow of the distribution spec (401 with a Bearer
 * challenge, a realm that trades Basic credentials for a token). Debian's registry in the
 * integration test covers the Basic challenge; ECR answers Basic too.
 */
const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const credentials = (host: string) => ({ host, username: 'AWS', password: 'pa55word-for-tests' });
const basic = `Basic ${Buffer.from('AWS:pa55word-for-tests').toString('base64')}`;

describe('registryGet', () => {
  it('answers a Bearer challenge by trading the credentials for a token at the realm', async () => {
    const seen: string[] = [];
    const host = await serve((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? '-'}`);
      if (req.url?.startsWith('/token')) {
        const url = new URL(req.url, 'http://x');
        if (req.headers.authorization !== basic || url.searchParams.get('scope') !== 'repository:iris:pull') return void res.writeHead(401).end();
        return void res.end(JSON.stringify({ token: 'tok-123456789' }));
      }
      if (req.headers.authorization !== 'Bearer tok-123456789') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="test",scope="repository:iris:pull"` });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end('{}');
    });
    const answer = await registryGet(credentials(host), '/v2/iris/manifests/sha256:abc', ['application/vnd.oci.image.manifest.v1+json']);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/vnd.oci.image.manifest.v1+json' });
    expect(seen).toHaveLength(3);
  });

  it('answers a Basic challenge with the credentials', async () => {
    const host = await serve((req, res) => {
      if (req.headers.authorization !== basic) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    expect((await registryGet(credentials(host), '/v2/', [])).status).toBe(200);
  });

  it('refuses an answer larger than a manifest can be, without reading it all', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i <= REGISTRY_BODY_LIMIT / chunk.length + 1; i++) res.write(chunk);
      res.end();
    });
    await expect(registryGet(credentials(host), '/v2/iris/manifests/x', [])).rejects.toThrow(/larger than/);
  });

  it('speaks HTTP to loopback registries only, as the engine does', () => {
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toBe('https://123456789012.dkr.ecr.eu-west-1.amazonaws.com');
  });
});
