import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/skylift.cjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `skylift` command as a user would. */
export function skylift(args: string[], env: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `skylift serve --port 0` and resolves with the printed URLs once it listens. */
export async function startServe(env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<{ child: ChildProcess; url: string; openUrl: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...extraArgs], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const found = await new Promise<{ url: string; openUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`skylift serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving at (\S+)/.exec(output)?.[1];
      const openUrl = /Open: (\S+)/.exec(output)?.[1];
      if (url && openUrl) {
        clearTimeout(timer);
        resolve({ url, openUrl });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`skylift serve exited with ${code}:\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, ...found, stop };
}
