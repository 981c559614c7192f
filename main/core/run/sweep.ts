import type Dockerode from 'dockerode';
import { RUN_LABEL } from './labels';

/**
 * Removes containers this Skylift instance left behind: its label, and a job that is no longer
 * running anywhere (a crash, a kill -9). Containers of other instances are never touched.
 */
export async function sweepLeftoverContainers(docker: Dockerode, instance: string, jobIsLive: (jobId: string) => boolean): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL.instance}=${instance}`] } });
  const leftovers = containers.filter((c) => !jobIsLive(c.Labels[RUN_LABEL.jobId] ?? ''));
  await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  return leftovers.map((c) => c.Id);
}
