// Child processes for bench:rebuild: every command has a deadline, a failure carries its stderr.
import { spawn } from 'node:child_process';

export interface Ran {
  seconds: number;
  stdout: string;
  stderr: string;
  /** stderr's lines with the seconds since the start at which each arrived: where the time went. */
  timeline: Array<{ at: number; line: string }>;
}

/** Runs a command to its end (killed at the deadline); a non-zero exit rejects with the command's own words. */
export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<Ran> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timeline: Ran['timeline'] = [];
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => {
      const at = Number(process.hrtime.bigint() - started) / 1e9;
      for (const line of c.toString().split('\n')) if (line.trim()) timeline.push({ at, line });
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) return resolve({ seconds, stdout, stderr, timeline });
      const why = signal === 'SIGKILL' ? `killed at its ${timeoutMs / 1000} s deadline` : `exit ${code ?? signal}`;
      reject(new Error(`${cmd} ${args.join(' ')} failed (${why}):\n${(stderr || stdout).slice(-3000)}`));
    });
  });
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export const seconds = (s: number): string => `${s.toFixed(2)} s`;

const UNITS = ['B', 'KiB', 'MiB', 'GiB'];
export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * Polls until `check` answers true or the deadline passes (then throws, saying what was awaited).
 * A check that throws counts as not yet (a server still starting); `gone` ends the wait at once
 * with its reason (the process awaited has exited).
 */
export async function until(what: string, deadlineMs: number, check: () => Promise<boolean>, everyMs = 25, gone: () => string | null = () => null): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    const reason = gone();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${deadlineMs / 1000} s`);
}
