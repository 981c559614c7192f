import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST_MEDIA_TYPES, type RegistryContents, registryContents, type RegistryManifest } from './registry-contents';
import { type RepositoryCheck, startRegistryGate } from './registry-gate';

/**
 * Debian's real `docker-registry` (distribution 2.8) on loopback, the store behind the ECR double:
 * htpasswd auth with one generated user, deletes enabled, storage in a temp folder. The Docker
 * engine pushes to it without TLS because dockerd treats 127.0.0.0/8 as an insecure registry by
 * default. Reads go through the registry's HTTP API v2; only what that API cannot list (untagged
 * manifests, push times) is read from the storage folder this module owns. Clients reach it
 * through a gate (registry-gate.ts) that can refuse repositories ECR does not know.
 */
export interface RegistryDouble extends RegistryContents {
  /** `127.0.0.1:PORT`: what an image reference starts with (`127.0.0.1:PORT/repo:tag`). */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  username: string;
  /** Unlocks the htpasswd entry; the ECR double hands it out as its authorization token. */
  password: string;
  isRunning(): boolean;
  /** The registry process's id, for a test that kills it as a crash would. */
  pid(): number | null;
  /** Pushes and pulls of repositories this check calls unknown answer 404 NAME_UNKNOWN (null: all known). */
  setRepositoryCheck(check: RepositoryCheck | null): void;
  /** Fault injection: kills the registry process, as a registry that goes down mid-push. */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage. */
  restart(): Promise<void>;
  close(): Promise<void>;
}


export { MANIFEST_MEDIA_TYPES, type RegistryManifest };

const REGISTRY_BINARY = '/usr/bin/docker-registry';
const START_DEADLINE_MS = 15_000;
const STOP_DEADLINE_MS = 5_000;
const REQUEST_DEADLINE_MS = 10_000;
const USERNAME = 'AWS';

export async function startRegistry(options: { onUnexpectedExit?: (why: string) => void } = {}): Promise<RegistryDouble> {
  if (!fs.existsSync(REGISTRY_BINARY)) throw new Error(`No registry at ${REGISTRY_BINARY}: install Debian's docker-registry (.ci/run does).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-registry-'));
  const password = randomBytes(24).toString('hex');
  fs.writeFileSync(path.join(dir, 'htpasswd'), `${USERNAME}:${bcryptHash(password)}\n`);
  let child: ChildProcess | null = null;
  // The registry's own address; clients use the gate's.
  let host = '';
  let repositoryCheck: RepositoryCheck | null = null;
  // Set while the registry is stopped on purpose (a fault, close): any other exit is reported.
  let stopping = false;
  const launch = async (address: string) => {
    writeConfig(dir, address);
    const started = await spawnRegistry(dir);
    child = started.child;
    host = started.host;
    stopping = false;
    child.once('exit', (code, signal) => {
      if (!stopping) options.onUnexpectedExit?.(`docker-registry exited unexpectedly (${signal ?? `code ${code}`})`);
    });
    await waitUntilAnswering(`http://${host}`);
  };
  try {
    await launch('127.0.0.1:0');
  } catch (err) {
    if (child) await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const authorization = `Basic ${Buffer.from(`${USERNAME}:${password}`).toString('base64')}`;
  const gate = await startRegistryGate({ upstream: () => host, authorization, check: () => repositoryCheck });
  const stopBoth = async () => {
    stopping = true;
    await gate.close();
    if (child) await stopProcess(child);
  };
  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`http://${host}/v2/${pathname}`, { ...init, headers: { authorization, ...init.headers }, signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
  return {
    get host() { return gate.host; },
    get url() { return `http://${gate.host}`; },
    username: USERNAME,
    password,
    isRunning: () => child !== null && child.exitCode === null && child.signalCode === null,
    pid: () => child?.pid ?? null,
    setRepositoryCheck: (check) => { repositoryCheck = check; },
    ...registryContents(api, path.join(dir, 'data')),
    stop: stopBoth,
    async restart() {
      await stopBoth();
      await launch(host);
      await gate.reopen();
    },
    async close() {
      await stopBoth();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * distribution only checks bcrypt htpasswd entries. Node has no bcrypt and apache2-utils'
 * htpasswd is not installed, so this uses perl's crypt(), which is glibc/libxcrypt's and knows
 * `$2b$`; perl-base is Essential in Debian. Cost 5: the registry checks it on every request.
 */
function bcryptHash(password: string): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(21);
  // The 22nd salt character carries only 2 bits; these four are its canonical forms.
  const salt = [...bytes].map((b) => alphabet[b % 64]).join('') + '.Oeu'[bytes[0] % 4];
  const hash = execFileSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$2b$05$${salt}`], { encoding: 'utf8', timeout: 10_000 });
  if (!/^\$2b\$05\$[./A-Za-z0-9]{53}$/.test(hash)) throw new Error("perl's crypt() made no bcrypt hash: the system libcrypt lacks $2b$ (install libcrypt1 from libxcrypt).");
  return hash;
}

function writeConfig(dir: string, address: string): void {
  const config = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: path.join(dir, 'data') },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: address, secret: randomBytes(16).toString('hex') },
    auth: { htpasswd: { realm: 'skylift-ecr-double', path: path.join(dir, 'htpasswd') } },
  };
  // JSON is YAML, so no YAML writer is needed.
  fs.writeFileSync(path.join(dir, 'config.yml'), JSON.stringify(config, null, 2));
}

/** Starts the registry and reads the port it bound from its log ("listening on 127.0.0.1:PORT"). */
function spawnRegistry(dir: string): Promise<{ child: ChildProcess; host: string }> {
  const child = spawn(REGISTRY_BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`docker-registry did not start: ${why}\n${log.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${START_DEADLINE_MS} ms`), START_DEADLINE_MS);
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
    child.stderr!.on('data', (chunk: Buffer) => {
      // Keep only the tail: a long-running registry must not grow this string without bound.
      log = (log + chunk.toString('utf8')).slice(-8000);
      const listening = ready ? null : /msg="listening on (127\.0\.0\.1:\d+)"/.exec(log);
      if (listening) {
        ready = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve({ child, host: listening[1] });
      }
    });
  });
}

async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    try {
      // An unauthenticated /v2/ answers 401 with the htpasswd challenge once the registry serves.
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 401) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`docker-registry at ${url} did not answer /v2/ within ${START_DEADLINE_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * What an image reference (`127.0.0.1:PORT/repo@sha256:…` or `…/repo:tag`, as a Lambda ImageUri)
 * points at in this registry; null when it names another registry or nothing here.
 */
export async function resolveImageUri(registry: RegistryDouble, imageUri: string): Promise<{ mediaType: string; digest: string; size: number } | null> {
  const match = /^([^/]+)\/(.+?)(?:@(sha256:[0-9a-f]{64})|:([\w][\w.-]{0,127}))$/.exec(imageUri);
  if (!match || match[1] !== registry.host) return null;
  const manifest = await registry.manifest(match[2], match[3] ?? match[4]);
  return manifest && { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.body.length };
}
