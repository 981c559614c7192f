import type { ProjectConfig } from '../../../shared/project/schema';
import type { Deployment } from '../../../shared/project/deployments';

/**
 * The cloud half of a target: the steps from a tested image to a verified deployment. Types only
 * for now; a target implements them when it can do each one for real (issue 10), and nothing is
 * exposed to users before that.
 */
export interface CloudOperations<Observed = unknown, Plan = unknown, Published = unknown> {
  /** Limits and permissions, before anything is observed or changed. */
  preflight(context: CloudContext): Promise<CloudCheck[]>;
  /** What exists now (function, versions, aliases, repository and its layers). */
  observe(context: CloudContext): Promise<Observed>;
  /** What publishing would change, with a fingerprint of what was observed. */
  plan(context: CloudContext, observed: Observed): Promise<CloudPlan<Plan>>;
  /** Applies a plan; refuses when the cloud changed since it was made. */
  publish(context: CloudContext, plan: CloudPlan<Plan>, signal: AbortSignal): Promise<Published>;
  /** Invokes what was published and reads the platform's report. */
  verify(context: CloudContext, published: Published, signal: AbortSignal): Promise<CloudVerification>;
  /** Points the deployment back at the version before. */
  rollback(context: CloudContext, published: Published, signal: AbortSignal): Promise<void>;
  /** Removes what Skylift created, after its own plan. */
  destroy(context: CloudContext, plan: CloudPlan<Plan>, signal: AbortSignal): Promise<void>;
}

export interface CloudContext {
  config: ProjectConfig;
  projectDir: string;
  deploymentName: string;
  deployment: Deployment;
  /** The image to publish, by digest. */
  imageDigest: string;
}

export interface CloudCheck {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

export interface CloudPlan<Changes> {
  /** A digest of what observe() saw; publishing refuses when the cloud no longer matches it. */
  fingerprint: string;
  changes: Changes;
}

export interface CloudVerification {
  ok: boolean;
  detail: string;
}
