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
  /** The role the last plan offered to create, kept once chosen (the re-plan no longer asks). */
  const [offeredRole, setOfferedRole] = useState<string | null>(null);

  async function makePlan(nextRole: RoleChoice | undefined = role) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setRole(nextRole);
    try {
      const next = await skylift.api.deploy.plan({ dir, deployment, ...(nextRole ? { role: nextRole } : {}) });
      if (next.roleNeeded) setOfferedRole(next.roleNeeded.createName);
      setPlan(next);
    } catch (error) {
      setPlan(null);
      setFailure(toFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return { plan, role, offeredRole, failure, busy, makePlan, createRole: () => makePlan({ mode: 'create' }) };
}

export type DeployPlanModel = ReturnType<typeof useDeployPlan>;
