import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Prune is engine-wide by design (it cleans the user's engine), and vitest runs two spec files at
 * once: a spec that makes an older build and expects its own prune to list it would race another
 * spec's prune. Specs that prune take this lock for their whole file, so they run one after another
 * while the rest of the suite runs beside them. A lock whose owner process is gone is taken over.
 */
const LOCK_DIR = path.join(os.tmpdir(), 'skylift-test-prune.lock');
const OWNER_FILE = path.join(LOCK_DIR, 'pid');
/** Long enough for the slowest pruning spec (the images e2e) to finish first. */
export const PRUNE_LOCK_WAIT_MS = 15 * 60_000;
const POLL_MS = 250;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function ownerGone(): boolean {
  const pid = Number.parseInt(fs.readFileSync(OWNER_FILE, 'utf8'), 10);
  return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
}

function tryTake(): boolean {
  try {
    fs.mkdirSync(LOCK_DIR);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (ownerGone()) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      // The owner is still writing its pid (or just let go): try again on the next poll.
    }
    return false;
  }
  fs.writeFileSync(OWNER_FILE, String(process.pid));
  return true;
}

/** Waits for the prune lock (up to PRUNE_LOCK_WAIT_MS) and answers the call that lets it go. */
export async function takePruneLock(): Promise<() => void> {
  const deadline = Date.now() + PRUNE_LOCK_WAIT_MS;
  while (!tryTake()) {
    if (Date.now() > deadline) throw new Error(`the prune lock ${LOCK_DIR} was not released within ${PRUNE_LOCK_WAIT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return () => fs.rmSync(LOCK_DIR, { recursive: true, force: true });
}

/** For a describe that prunes: holds the lock from before its first hook to after its last one (hooks run as a stack). */
export function usePruneLock(): void {
  let release = (): void => undefined;
  beforeAll(async () => {
    release = await takePruneLock();
  }, PRUNE_LOCK_WAIT_MS + 60_000);
  afterAll(() => release());
}
