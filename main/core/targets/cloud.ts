import type Dockerode from 'dockerode';
import type { DeployPlan, DeployResult, DestroyPlan, RollbackRequest, VerifyResult } from '../../../shared/contract/deploy';
import type { JobEventInput } from '../../../shared/contract/jobs';
import type { RoleChoice } from '../../../shared/contract/deploy';
import type { Deployment } from '../../../shared/project/deployments';
import type { ProjectConfig } from '../../../shared/project/schema';
import type { DeploymentStore } from '../deployments/deployment-store';
import type { ProfileService } from '../profiles/profile-service';
import type { LambdaCostBreakdown } from '../../../shared/cloud/lambda-cost';
import type { BenchSampleData, ImageDigest, RunTarget, WireOverhead } from '../../../shared/contract/runs';
import type { TargetName } from '../../../shared/targets';
import type { BenchTarget, InvokeResult } from '../bench/types';

/**
 * The cloud half of a target: the steps from a tested image to a verified deployment. The deploy
 * service (main/core/deployments/deploy-service.ts) builds a CloudContext from skylift.yaml and
 * calls these; nothing outside the target's folder knows how its cloud is called.
 */
export interface CloudOperations {
  /** The names a deployment resolves to in its cloud (function, alias), from skylift.yaml alone: for lists, without a call. */
  names(context: Pick<CloudContext, 'config' | 'deployment'>): { functionName: string; alias: string };
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
  /** Opens a bench of the deployment's live alias (resolves it, checks cold starts can be forced); the caller closes it. */
  bench(context: CloudContext, request: { coldStarts: number }): Promise<CloudBench>;
}

/**
 * A deployment under bench: what the run records (target, digest), warm invokes through the cloud's
 * own API timed at the wire, forced cold starts, and the client's own costs measured apart.
 */
export interface CloudBench {
  target: RunTarget;
  /** The target whose image the deployment runs (the run's variant). */
  variant: TargetName;
  imageDigest: ImageDigest | null;
  /** The image's config digest, which is the local image's id: what joins this run to the local runs of the same bytes. */
  imageId: string | null;
  /** The image reference the cloud runs (the run's imageTag). */
  imageRef: string | null;
  /** Warm invokes of the live alias; each result carries its client overhead (SDK time outside the wire). */
  warm: BenchTarget;
  /** One forced cold start: `cold` false when the platform did not report an init (then it is not counted as one). */
  coldStart(payload: Buffer, signal: AbortSignal): Promise<{ result: InvokeResult; latencyMs: number; cold: boolean }>;
  /** The round trip to the endpoint and the client overhead of the invokes so far; null when nothing could be measured. */
  wireOverhead(signal: AbortSignal): Promise<WireOverhead | null>;
  /** Cost per 1M inferences from the run's samples and the function's configuration; null when it cannot be priced. */
  cost(samples: readonly BenchSampleData[]): LambdaCostBreakdown | null;
  /** Puts back what cold starts changed and closes the clients; called after every bench, cancelled or failed too. */
  close(): Promise<void>;
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
