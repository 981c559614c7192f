import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOCKER_DEADLINE_MS = 120_000;

/**
 * Pushes a tiny one-layer image with the real docker CLI, logged in with the given credentials
 * (as `aws ecr get-login-password | docker login` does), in a private DOCKER_CONFIG so the
 * user's own logins are never touched. Logs out and removes the local image afterwards.
 */
export async function pushTinyImage(options: PushOptions): Promise<{ reference: string; digest: string }> {
  return pushImage({ ...options, payloadBytes: 512 });
}

export interface PushOptions {
  host: string;
  repository: string;
  tag: string;
  username: string;
  password: string;
}

/** As pushTinyImage, with a layer of `payloadBytes` random (incompressible) bytes. */
export async function pushImage(options: PushOptions & { payloadBytes: number }): Promise<{ reference: string; digest: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-push-'));
  const env = { ...process.env, DOCKER_CONFIG: path.join(dir, 'docker-config') };
  const docker = (args: string[], input?: string) => runDocker(args, env, input);
  const reference = `${options.host}/${options.repository}:${options.tag}`;
  try {
    // Random content: each call pushes a layer the registry has not seen.
    fs.mkdirSync(path.join(dir, 'rootfs'));
    fs.writeFileSync(path.join(dir, 'rootfs', 'payload.bin'), randomBytes(options.payloadBytes));
    await run('tar', ['-C', path.join(dir, 'rootfs'), '-cf', path.join(dir, 'rootfs.tar'), '.'], { timeout: DOCKER_DEADLINE_MS });
    await docker(['import', path.join(dir, 'rootfs.tar'), reference]);
    await docker(['login', '--username', options.username, '--password-stdin', options.host], options.password);
    const pushed = await docker(['push', reference]);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1];
    if (!digest) throw new Error(`docker push printed no digest:\n${pushed}`);
    return { reference, digest };
  } finally {
    await docker(['logout', options.host]).catch(() => undefined);
    await docker(['image', 'rm', '--force', reference]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Pushes an image the engine already has (e.g. a built Lambda image) under `host/repository:tag`; the extra tag is removed afterwards. */
export async function pushLocalImage(options: PushOptions & { localImage: string }): Promise<{ reference: string; digest: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-push-'));
  const env = { ...process.env, DOCKER_CONFIG: path.join(dir, 'docker-config') };
  const reference = `${options.host}/${options.repository}:${options.tag}`;
  try {
    await runDocker(['tag', options.localImage, reference], env);
    await runDocker(['login', '--username', options.username, '--password-stdin', options.host], env, options.password);
    const pushed = await runDocker(['push', reference], env);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1];
    if (!digest) throw new Error(`docker push printed no digest:\n${pushed}`);
    return { reference, digest };
  } finally {
    await runDocker(['logout', options.host], env).catch(() => undefined);
    await runDocker(['image', 'rm', reference], env).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs docker and returns stdout; a failure carries docker's stderr, which says why. */
export async function runDocker(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('docker', args, { env, timeout: DOCKER_DEADLINE_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}
