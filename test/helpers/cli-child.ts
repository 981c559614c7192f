import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';

const BIN = path.resolve('bin/skylift.cjs');

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `skylift` process: what it printed so far, its exit, and ways to stop it. */
export interface SkyliftChild {
  /** Settles once the process exits: its code, or the signal that ended it. */
  readonly exited: Promise<CliExit>;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Sends a signal (SIGINT is a user's Ctrl-C) and returns at once. */
  signal(name: NodeJS.Signals): void;
  /** SIGKILL unless it already exited, then its exit: what a crash or `kill -9` leaves behind. */
  kill(): Promise<CliExit>;
}

/** Starts the built `skylift` command in the background, as a user's shell would, with `env` on top of this process's. */
export function spawnSkylift(args: string[], env: NodeJS.ProcessEnv): SkyliftChild {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exited = new Promise<CliExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    signal: (name) => void child.kill(name),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Bench samples in a data folder's store, read as another process would while a bench writes them: 0 before the store or its table exists. */
export function storedBenchSamples(dataHome: string): number {
  try {
    const db = new Database(path.join(dataHome, 'skylift.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM bench_samples').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}
