import os from 'node:os';
import type Dockerode from 'dockerode';

/** On a created, never started container that keeps the image a build is about to build on from any prune. */
export const HOLD_LABEL = 'dev.skylift.hold';
/** Beside HOLD_LABEL: which build (its tag) the hold is for. */
export const HOLD_JOB_LABEL = 'dev.skylift.hold-job';

/** "<pid>@<host>": who made the hold, so a sweep can tell a live build's hold from a crashed one's. */
export const holdOwner = (pid = process.pid, host = os.hostname()): string => `${pid}@${host}`;

/**
 * The engine is all that every Skylift process (and every data folder) shares, and no prune removes
 * an image a container stands on (the engine refuses it too). So a staged build holds the image its
 * next part goes FROM with a created-not-started container: no process, no ports, no network.
 */
export class BuildHold {
  private containerId: string | null = null;
  private heldImage: string | null = null;

  constructor(private readonly docker: Dockerode, private readonly job: string, private readonly owner = holdOwner()) {}

  get image(): string | null {
    return this.heldImage;
  }

  /**
   * Holds `image` (then lets go of the previous one: never a moment with neither held). A 404 means
   * the image went before it could be held; the caller builds it again.
   */
  async move(image: string): Promise<void> {
    if (image === this.heldImage) return;
    const container = await this.docker.createContainer({
      Image: image,
      Entrypoint: ['/hold'], // never started: the image need not have this, or any command
      Labels: { [HOLD_LABEL]: this.owner, [HOLD_JOB_LABEL]: this.job },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none', AutoRemove: false },
    });
    const previous = this.containerId;
    this.containerId = container.id;
    this.heldImage = image;
    if (previous) await removeHold(this.docker, previous);
  }

  /** Lets go (success, failure or cancel alike); a hold that cannot be removed now is swept later. */
  async release(): Promise<void> {
    const id = this.containerId;
    this.containerId = null;
    this.heldImage = null;
    if (id) await removeHold(this.docker, id).catch(() => undefined);
  }
}

async function removeHold(docker: Dockerode, id: string): Promise<void> {
  await docker.getContainer(id).remove({ force: true }).catch((error: { statusCode?: number }) => {
    if (error.statusCode !== 404) throw error;
  });
}

export interface SweepHoldsOptions {
  /** A hold younger than this is never swept (a pid on another host cannot be checked). */
  minAgeMs?: number;
  /** Whether the process that made a hold still runs. */
  ownerAlive?: (owner: string) => boolean;
}

const HOLD_SWEEP_AGE_MS = 10 * 60_000;

/** On this host: whether the pid still runs; another host's holds are left until they are a day old. */
export function ownerAlive(owner: string, host = os.hostname()): boolean {
  const match = /^(\d+)@(.*)$/.exec(owner);
  if (!match) return false;
  if (match[2] !== host) return true;
  try {
    process.kill(Number(match[1]), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the holds a crashed Skylift process left: older than some minutes, and whose owner is gone (or a day old). */
export async function sweepLeftoverHolds(docker: Dockerode, options: SweepHoldsOptions = {}): Promise<string[]> {
  const minAgeMs = options.minAgeMs ?? HOLD_SWEEP_AGE_MS;
  const alive = options.ownerAlive ?? ownerAlive;
  const containers = await docker.listContainers({ all: true, filters: { label: [HOLD_LABEL] } });
  const now = Date.now();
  const leftovers = containers.filter((c) => {
    const age = now - c.Created * 1000;
    return age >= minAgeMs && (!alive(c.Labels[HOLD_LABEL] ?? '') || age >= 24 * 3600_000);
  });
  await Promise.all(leftovers.map((c) => removeHold(docker, c.Id).catch(() => undefined)));
  return leftovers.map((c) => c.Id);
}
