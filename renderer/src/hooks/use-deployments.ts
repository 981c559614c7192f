import { skylift } from '../api/client';
import { useAsync } from './use-async';

/** The opened project's deployments (skylift.yaml `deployments:`) with what the store says is live in each. */
export function useDeployments(dir: string) {
  return useAsync(() => skylift.api.deployments.list({ dir }));
}
