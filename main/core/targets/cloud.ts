import type Dockerode from 'dockerode';
import type { DeployPlan, DeployResult, DestroyPlan, RollbackRequest, VerifyResult } from '../../../shared/contract/deploy';
import type { JobEventInput } from '../../../shared/contract/jobs';
import type { RoleChoice } from '../../../shared/contract/deploy';
import type { Deployment } from '../../../shared/project/deployments';
import type { ProjectConfig } from '../../../shared/project/schema';
import type { DeploymentStore } from '../deployments/deployment-store';
import type { ProfileService } from '../profiles/profile-service';

/**
 * The cloud half of a target: the steps from a tested image to a verified deployment. The deploy
 * service (main/core/deployments/deploy-service.ts) builds a CloudContext from skylift.yaml and
 * calls these; nothing outside the target's folder knows how its cloud is called.
 */
export interface CloudOperations {
  /** Observes the cloud (function, versions, aliases, repository and its layers, role) and says what publishing would change. Changes nothing. */
  plan(context: CloudContext, request: { role?: RoleChoice }): Promise<DeployPlan>;
  /** Applies the plan whose fingerprint the user read; observes again first and refuses (PLAN_STALE) when the cloud changed. */
  apply(context: CloudContext, request: { role?: RoleChoice; fingerprint: string }): Promise<DeployResult>;
  /** Invokes the live alias, reads the platform report, compares with the local variant's answer for the same payload. */
  verify(context: CloudContext, request: VerifyInput): Promise<VerifyResult>;
  /** Points the alias back at an earlier version (default: the one before the live one). */
  rollback(context: CloudContext, request: Pick<RollbackRequest, 'toVersion'>): Promise<{ alias: string; fromVersion: string; toVersion: string }>;
  /** What destroy would remove (function, aliases, versions; images on request). Changes nothing. */
  destroyPlan(context: CloudContext, request: { images: boolean }): Promise<DestroyPlan>;
  /** Removes what the destroy plan with this fingerprint listed; refuses when the cloud changed. */
  destroy(context: CloudContext, request: { images: boolean; fingerprint: string }): Promise<{ deleted: string[] }>;
}

export interface VerifyInput {
  /** The request body sent to the cloud (and to the local variant for comparison). */
  payload: string;
  /** The local variant's answer for the same payload, or null when it could not be had (then only the cloud's own health is checked). */
  localAnswer: { ok: boolean; body: string } | null;
  rollbackOnFailure: boolean;
}

/** Everything a cloud operation needs, resolved once by the deploy service from skylift.yaml, the profile and the engine. */
export interface CloudContext {
  projectDir: string;
  config: ProjectConfig;
  deploymentName: string;
  deployment: Deployment;
  /** The deployment's profile (resolve its credentials through `profiles`; secrets stay in core). */
  profiles: ProfileService;
  store: DeploymentStore;
  docker: Dockerode;
  /** The image built for the deployment's target variant: its local tag and config digest (image id). */
  localImage: { tag: string; id: string } | null;
  /** Job events: steps, progress, retries, as the user sees them. */
  emit: (event: JobEventInput) => void;
  signal: AbortSignal;
}
