import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Test-time TLS: a throwaway CA made with the openssl CLI, and a leaf for 127.0.0.1/localhost that
 * loopback doubles serve. The global setup makes them once per run and points NODE_EXTRA_CA_CERTS at
 * the CA, so the real SDKs (and any child process given {@link testCaEnv}) trust the doubles with
 * their default TLS settings — nothing in product code learns about tests.
 */

/** Where the global setup put the files; forked workers inherit it with NODE_EXTRA_CA_CERTS. */
export const TEST_TLS_DIR_ENV = 'SKYLIFT_TEST_TLS_DIR';

const FILES = { caCert: 'ca.pem', caKey: 'ca.key', cert: 'server.pem', key: 'server.key', trust: 'trust.pem' } as const;

export interface ServerTls {
  cert: string;
  key: string;
}

/** Makes the CA and the loopback leaf in `dir`; returns the trust bundle to use as NODE_EXTRA_CA_CERTS. */
export function makeTestCa(dir: string, inheritedExtraCa = process.env.NODE_EXTRA_CA_CERTS): string {
  const at = (name: string) => path.join(dir, name);
  const ext = at('server.ext');
  fs.writeFileSync(ext, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-subj', '/CN=Skylift test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', at(FILES.caKey), '-out', at(FILES.caCert)]);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', at(FILES.key), '-out', at('server.csr')]);
  openssl(['x509', '-req', '-in', at('server.csr'), '-CA', at(FILES.caCert), '-CAkey', at(FILES.caKey), '-CAcreateserial', '-days', '30', '-extfile', ext, '-out', at(FILES.cert)]);
  // NODE_EXTRA_CA_CERTS names one file: keep whatever extra CA the machine already relied on.
  const inherited = inheritedExtraCa && fs.existsSync(inheritedExtraCa) ? fs.readFileSync(inheritedExtraCa, 'utf8') : '';
  fs.writeFileSync(at(FILES.trust), `${inherited.trimEnd()}\n${fs.readFileSync(at(FILES.caCert), 'utf8')}`.trimStart());
  return at(FILES.trust);
}

function tlsDir(): string {
  const dir = process.env[TEST_TLS_DIR_ENV];
  if (!dir || !fs.existsSync(path.join(dir, FILES.cert))) {
    throw new Error(`${TEST_TLS_DIR_ENV} is not set: run tests through vitest.config.ts, whose global setup makes the test CA.`);
  }
  return dir;
}

/** Key and certificate for an https server on 127.0.0.1 or localhost, signed by the test CA. */
export function loopbackServerTls(): ServerTls {
  const dir = tlsDir();
  return { cert: fs.readFileSync(path.join(dir, FILES.cert), 'utf8'), key: fs.readFileSync(path.join(dir, FILES.key), 'utf8') };
}

/** Env for a spawned Node process (e.g. `node dist/cli.cjs serve`) so it trusts the doubles too. */
export function testCaEnv(): { NODE_EXTRA_CA_CERTS: string; [TEST_TLS_DIR_ENV]: string } {
  const dir = tlsDir();
  return { NODE_EXTRA_CA_CERTS: path.join(dir, FILES.trust), [TEST_TLS_DIR_ENV]: dir };
}

export interface ClientCertificate {
  /** The public certificate, as registered on an Entra app. */
  certificatePem: string;
  privateKeyPem: string;
  /** Key and certificate in one PEM, the form ClientCertificateCredential reads. */
  combinedPem: string;
}

/** A self-signed RSA certificate, the kind a user uploads to an Entra app registration. */
export function makeClientCertificate(commonName = 'skylift-test-app'): ClientCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-client-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`, '-keyout', key, '-out', cert]);
    const certificatePem = fs.readFileSync(cert, 'utf8');
    const privateKeyPem = fs.readFileSync(key, 'utf8');
    return { certificatePem, privateKeyPem, combinedPem: `${privateKeyPem}${certificatePem}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}
