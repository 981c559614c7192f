import type Dockerode from 'dockerode';
import { RUN_LABEL } from '../run/labels';
import { HOLD_LABEL } from './build-hold';

export interface ImageUser {
  containerId: string;
  jobId: string | null;
  state: string;
  /** A build in progress holds the image with this container (never started) until its next part is built on it. */
  heldByBuild: boolean;
}

/** Every container (running or stopped) by image id: the engine refuses to delete an image one holds. */
export async function containersByImage(docker: Dockerode): Promise<Map<string, ImageUser[]>> {
  const containers = await docker.listContainers({ all: true });
  const byImage = new Map<string, ImageUser[]>();
  for (const container of containers) {
    const users = byImage.get(container.ImageID) ?? [];
    users.push(toUser(container));
    byImage.set(container.ImageID, users);
  }
  return byImage;
}

/** The containers on one image now (created from it or from an image on it): asked just before a forced removal. */
export async function containersOn(docker: Dockerode, imageId: string): Promise<ImageUser[]> {
  return (await docker.listContainers({ all: true, filters: { ancestor: [imageId] } })).map(toUser);
}

const toUser = (container: Dockerode.ContainerInfo): ImageUser => ({
  containerId: container.Id.slice(0, 12),
  jobId: container.Labels?.[RUN_LABEL.jobId] ?? null,
  state: container.State,
  heldByBuild: HOLD_LABEL in (container.Labels ?? {}),
});

/** "the running session of job j-1 (container abc)": what the user reads when a delete is refused. */
export function describeUsers(users: ImageUser[]): string {
  return users
    .map((user) => user.heldByBuild ? `a build in progress (it holds the image with container ${user.containerId})` : `${user.state === 'running' ? 'the running' : `a ${user.state}`} container ${user.containerId}${user.jobId ? ` (Skylift job ${user.jobId})` : ''}`)
    .join(', ');
}
