import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A process as a job's owner: its pid and when it started. A pid alone is not enough, since the OS
 * hands a dead process's pid to a new one; the pair names one process for its whole life.
 */
export interface ProcessOwner {
  pid: number;
  /** An opaque start-time token; null where this platform gives none (the check then falls back to the pid). */
  startedAt: string | null;
}

/**
 * When the process started, as a token to compare for equality. Linux: field 22 of /proc/<pid>/stat
 * (clock ticks since boot). macOS and other Unixes: `ps -o lstart=` (to the second). Windows and
 * anything unreadable: null.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform === 'linux') return linuxStartTime(pid);
  if (process.platform === 'win32') return null;
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return started || null;
  } catch {
    return null;
  }
}

function linuxStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces or ')'; count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

let self: ProcessOwner | undefined;
export function thisProcess(): ProcessOwner {
  self ??= { pid: process.pid, startedAt: processStartTime(process.pid) };
  return self;
}

/**
 * Is the owner a process other than this one that is still running? A live pid whose start time
 * differs from the recorded one is a new process that reused the pid: the owner is gone. Where
 * either start time is unknown (rows from before the column, Windows) the pid alone decides, as
 * before; that errs toward sparing a job, never toward marking a live one interrupted.
 */
export function isOtherLiveProcess(owner: { pid: number | null; startedAt: string | null }): boolean {
  if (!owner.pid || owner.pid === process.pid) return false;
  if (!pidIsAlive(owner.pid)) return false;
  if (owner.startedAt === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.startedAt;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
