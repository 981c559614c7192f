import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { AwsDoubles } from '../doubles/aws-doubles';
import type { LambdaDouble } from '../doubles/aws-lambda';
import { startRunningDoubles } from '../doubles/aws-doubles-running';
import type { CliResult } from '../helpers/cli';
import { TEST_BASE_IMAGE } from '../helpers/build';
import { writeProbeProject } from '../helpers/probe-project';

const BIN = path.resolve('bin/skylift.cjs');

/**
 * The publish commands as a user meets them: the built CLI in child processes (stdin piped, so
 * never a terminal), its own data folder, a profile added through `skylift profiles add` that
 * points at the AWS doubles, and a probe project whose aws-lambda variant the CLI built. Lambda's
 * Invoke pulls the pushed digest from the registry double and runs it in the engine.
 */
export interface CliDeployWorld {
  doubles: AwsDoubles;
  dir: string;
  name: string;
  /** Lambda's double, to hold a new role back from Lambda (IAM propagation) while a deploy runs. */
  lambda: LambdaDouble;
  /** Runs the CLI; onStderr sees its stderr as it comes (to act when a step is reached). */
  cli(args: string[], options?: { stdin?: string; timeoutMs?: number; onStderr?: (soFar: string) => void }): Promise<CliResult>;
  /** Runs the CLI on a terminal (util-linux script's pseudo-terminal), typing `typed` into it. */
  cliInTerminal(args: string[], typed: string): Promise<CliResult>;
  setYaml(change: (yaml: string) => string): void;
  close(): Promise<void>;
}

export async function startCliDeployWorld(name: string): Promise<CliDeployWorld> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-cli-deploy-'));
  const docker = new Dockerode();
  const running = await startRunningDoubles({}, docker);
  const { doubles, lambda } = running;
  // No D-Bus session bus, so no keychain: profiles go to the opted-in file. HOME points away from the user's ~/.aws.
  const env = { ...process.env, SKYLIFT_HOME: home, HOME: home, DBUS_SESSION_BUS_ADDRESS: undefined, AWS_CONFIG_FILE: path.join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
  const cli: CliDeployWorld['cli'] = (args, options = {}) => run([process.execPath, BIN, ...args], env, options.stdin ?? '', options.timeoutMs ?? 120_000, options.onStderr);
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
  const cliInTerminal = (args: string[], typed: string) => run(['script', '-qec', [process.execPath, BIN, ...args].map(quote).join(' '), '/dev/null'], env, typed, 120_000);
  const dir = writeProbeProject(path.join(home, 'project'), name, { timeoutSeconds: 10 });
  fs.appendFileSync(path.join(dir, 'skylift.yaml'), 'deployments:\n  prod: { target: aws-lambda, profile: doubles, region: us-east-1, alias: live }\n');
  const world: CliDeployWorld = {
    doubles,
    lambda,
    dir,
    name,
    cli,
    cliInTerminal,
    setYaml(change) {
      const file = path.join(dir, 'skylift.yaml');
      fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
    },
    async close() {
      await running.close();
      const tag = `skylift/${name}:aws-lambda`;
      const info = await docker.getImage(tag).inspect().catch(() => null);
      for (const ref of [tag, ...(info?.RepoDigests ?? [])]) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  try {
    await must(cli(['profiles', 'storage', '--allow-insecure-file', '--yes']));
    const endpoints = ['--sts-endpoint', doubles.sts.url, '--lambda-endpoint', doubles.lambda!.url, '--ecr-endpoint', doubles.ecr.url, '--iam-endpoint', doubles.iam.url];
    await must(cli(['profiles', 'add', 'aws-static', '--name', 'doubles', '--region', doubles.region, '--access-key-id', doubles.key.accessKeyId, ...endpoints], { stdin: doubles.key.secretAccessKey }));
    await must(cli(['build', dir, '--variant', 'aws-lambda', '--base-image', TEST_BASE_IMAGE], { timeoutMs: 600_000 }));
  } catch (error) {
    await world.close();
    throw error;
  }
  return world;
}

async function must(result: Promise<CliResult>): Promise<CliResult> {
  const done = await result;
  if (done.status !== 0) throw new Error(`skylift failed (${done.status}):\n${done.stdout}\n${done.stderr}`);
  return done;
}

/** A command, async (the doubles answer from this process, which spawnSync would block). */
function run(command: string[], env: NodeJS.ProcessEnv, stdin: string, timeoutMs: number, onStderr?: (soFar: string) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}
