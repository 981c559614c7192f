import { useState } from 'react';
import { isSkyliftError, type DeployPlan, type RoleChoice } from '../../../shared/contract';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';

export type PlanFailure = ErrorDescription & { code: string };

/** Why a call failed, with its code where core gave one (a refusal the page can offer a way out of). */
export function toFailure(error: unknown): PlanFailure {
  return { ...describeError(error), code: isSkyliftError(error) ? error.code : '' };
}

/**
 * The plan for one deployment: observe the cloud and say what publishing would change. The role
 * choice is kept with it, so "Create role" re-plans with it and apply sends the same choice.
 */
export function useDeployPlan(dir: string, deployment: string) {
  const [plan, setPlan] = useState<DeployPlan | null>(null);
  const [role, setRole] = useState<RoleChoice | undefined>(undefined);
  const [failure, setFailure] = useState<PlanFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function makePlan(nextRole: RoleChoice | undefined = role) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setRole(nextRole);
    try {
      setPlan(await skylift.api.deploy.plan({ dir, deployment, ...(nextRole ? { role: nextRole } : {}) }));
    } catch (error) {
      setPlan(null);
      setFailure(toFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return { plan, role, failure, busy, makePlan, createRole: () => makePlan({ mode: 'create' }) };
}

export type DeployPlanModel = ReturnType<typeof useDeployPlan>;
