import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { DOUBLES_TEST_KEY } from './aws-auth';

const credentials = { accessKeyId: DOUBLES_TEST_KEY.accessKeyId, secretAccessKey: DOUBLES_TEST_KEY.secretAccessKey };

/** Reads the child's stdout until `done` says it has what it needs, or fails at the deadline. */
function readUntil(child: ChildProcess, done: (out: string) => boolean, deadlineMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no complete output within ${deadlineMs} ms:\n${out}`)), deadlineMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (done(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run doubles exited (${code}) early:\n${out}`));
    });
  });
}

describe('npm run doubles', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints every endpoint and a profile line, the endpoints answer the real SDKs, and Ctrl-C stops it with the registry', { timeout: 120_000 }, async () => {
    child = spawn(process.execPath, ['scripts/doubles.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const out = await readUntil(child, (text) => text.includes('Running until Ctrl-C.'), 90_000);
    const endpoint = (name: string) => new RegExp(`^${name}\\s+(http://127\\.0\\.0\\.1:\\d+)$`, 'm').exec(out)?.[1];
    const [sts, ecr, iam, registry] = ['sts', 'ecr', 'iam', 'registry'].map(endpoint);
    expect([sts, ecr, iam, registry].every(Boolean), out).toBe(true);
    expect(out).toContain(`skylift profiles add aws-static --name aws-doubles --region us-east-1 --access-key-id ${DOUBLES_TEST_KEY.accessKeyId} --sts-endpoint ${sts}`);
    expect(out).toContain(`--ecr-endpoint ${ecr}`);
    // The Lambda double joins when its file is in the tree; the line says which.
    const lambda = endpoint('lambda');
    expect(Boolean(lambda)).toBe(fs.existsSync('test/doubles/aws-lambda.ts'));
    if (lambda) expect(out).toContain(`--lambda-endpoint ${lambda}`);

    const identity = await new STSClient({ region: 'us-east-1', endpoint: sts, credentials }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(DOUBLES_TEST_KEY.account);
    const token = await new ECRClient({ region: 'us-east-1', endpoint: ecr, credentials }).send(new GetAuthorizationTokenCommand({}));
    expect(token.authorizationData?.[0].proxyEndpoint).toBe(registry);
    await expect(new IAMClient({ region: 'us-east-1', endpoint: iam, credentials, maxAttempts: 1 }).send(new GetRoleCommand({ RoleName: 'none' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // The registry went with it: nothing answers on its port any more.
    await expect(fetch(`${registry}/v2/`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });
});
