import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';

export const RUN_NETWORK = 'skylift-run';

/**
 * The bridge network Lambda-mode containers join. Its gateway is this machine's address on
 * that bridge: the Runtime API listens there, reachable by the containers and by nothing else.
 */
export async function ensureRunNetwork(docker: Dockerode): Promise<{ name: string; gateway: string }> {
  let network = await docker.getNetwork(RUN_NETWORK).inspect().catch(() => undefined);
  if (!network) {
    await docker
      .createNetwork({ Name: RUN_NETWORK, Driver: 'bridge', CheckDuplicate: true, Labels: { 'dev.skylift.managed': 'true' } })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 409) throw error; // another Skylift process made it first
      });
    network = await docker.getNetwork(RUN_NETWORK).inspect();
  }
  const gateway = (network.IPAM?.Config ?? []).map((c: { Gateway?: string }) => c.Gateway).find((g: string | undefined) => g && !g.includes(':'));
  if (!gateway) {
    throw new SkyliftError({
      code: 'NETWORK_NO_GATEWAY',
      message: `The Docker network ${RUN_NETWORK} has no IPv4 gateway, so containers cannot reach Skylift's Lambda Runtime API.`,
      hint: `Remove it (docker network rm ${RUN_NETWORK}) and try again; Skylift recreates it.`,
    });
  }
  return { name: RUN_NETWORK, gateway };
}
