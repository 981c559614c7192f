import { z } from 'zod';
import { DEPLOYMENT_NAME_PATTERN } from '../project/deployments';
import { platformReportSchema } from './runs';

/**
 * Publishing a tested image to a named deployment (skylift.yaml `deployments:`), as it crosses the
 * contract: a plan the user reads first, an apply job that refuses a stale plan, verify, rollback
 * and destroy jobs, and what is live where. The internals live in main/core/targets/<target>/cloud.
 */

const dir = z.string().min(1, 'Choose a project folder').max(4096, 'A folder path is at most 4,096 characters');
const deploymentName = z.string().regex(DEPLOYMENT_NAME_PATTERN, 'Name a deployment from skylift.yaml (deployments:), e.g. prod');
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'A digest is sha256: and 64 hex digits');

/** How the function's execution role is chosen: the deployment's own roleArn, or one Skylift creates when the user agrees. */
export const roleChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('existing'), roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, 'A role ARN such as arn:aws:iam::123456789012:role/lambda-exec') }).strict(),
  /** skylift-<project>, trusting lambda.amazonaws.com, with AWSLambdaBasicExecutionRole; reused when it already exists. */
  z.object({ mode: z.literal('create') }).strict(),
]);
export type RoleChoice = z.infer<typeof roleChoiceSchema>;

export const deployRequestSchema = z
  .object({
    dir,
    deployment: deploymentName,
    /** Absent: the role the function already has, else refuse with the two ways out. */
    role: roleChoiceSchema.optional(),
  })
  .strict();
export type DeployRequest = z.infer<typeof deployRequestSchema>;

/** One line of a plan, as `terraform plan` prints it: what, and before → after where something changes. */
export const planLineSchema = z.object({
  action: z.enum(['create', 'update', 'replace', 'delete', 'keep', 'push', 'publish', 'move']),
  /** What the line is about: "function iris", "memory (MB)", "alias live", "role skylift-iris", "image layers". */
  subject: z.string(),
  before: z.string().nullable().default(null),
  after: z.string().nullable().default(null),
  /** Why, in a sentence a user can act on ("the registry already has 5 of 7 layers"). */
  detail: z.string().optional(),
});
export type PlanLine = z.infer<typeof planLineSchema>;

/** Bytes a push would move: layers the repository already has are skipped. Sizes are the local (uncompressed) ones, an upper bound. */
export const pushEstimateSchema = z.object({
  layers: z.number().int().nonnegative(),
  layersToPush: z.number().int().nonnegative(),
  bytesToPush: z.number().int().nonnegative(),
  /** The repository already holds this image (same config digest): nothing to push. */
  alreadyPushed: z.boolean(),
});

export const deployPlanSchema = z.object({
  dir: z.string(),
  deployment: z.string(),
  target: z.literal('aws-lambda'),
  profile: z.string(),
  account: z.string(),
  region: z.string(),
  functionName: z.string(),
  alias: z.string(),
  /** The local image being published (its config digest); what the plan pins after the push is its repo digest. */
  imageId: digest,
  /** A digest of everything the plan observed in the cloud and locally; apply refuses when it no longer matches. */
  fingerprint: z.string().min(1),
  lines: z.array(planLineSchema),
  push: pushEstimateSchema,
  /** False when nothing would change (the alias already serves this image with these settings). */
  changes: z.boolean(),
  /**
   * Set when the plan cannot be applied until an execution role is chosen (none in the deployment,
   * none on the function): the role Skylift would create if asked (role {mode:'create'}).
   */
  roleNeeded: z.object({ createName: z.string() }).nullable().default(null),
  warnings: z.array(z.string()),
  observedAt: z.string(),
});
export type DeployPlan = z.infer<typeof deployPlanSchema>;

/** Apply takes the plan's fingerprint: what the user read is what is applied, or nothing is. */
export const applyRequestSchema = deployRequestSchema.extend({ fingerprint: z.string().min(1) }).strict();

export const verifyRequestSchema = z
  .object({
    dir,
    deployment: deploymentName,
    /** A saved payload's name or a sample payload file; absent: the project's first sample payload. */
    payload: z.string().optional(),
    /** Move the alias back to the version before when the answers differ or the function fails. */
    rollbackOnFailure: z.boolean().default(false),
  })
  .strict();

export const verifyCheckSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
});

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  deployment: z.string(),
  functionArn: z.string(),
  version: z.string(),
  checks: z.array(verifyCheckSchema),
  /** The cloud's answer and the local variant's, for the same payload. */
  cloudBody: z.string(),
  localBody: z.string().nullable(),
  report: platformReportSchema.nullable(),
  /** The verify run stored in Runs (run kind verify). */
  runId: z.string().nullable(),
  rolledBackTo: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const deployResultSchema = z.object({
  deployment: z.string(),
  functionArn: z.string(),
  version: z.string(),
  alias: z.string(),
  /** `<repository uri>@sha256:…`: what the version runs. */
  imageUri: z.string(),
  imageDigest: digest,
  /** The version the alias pointed at before (rollback's target); null on a first publish. */
  previousVersion: z.string().nullable(),
  roleArn: z.string(),
  /** Nothing changed: the plan was already live. */
  unchanged: z.boolean(),
});
export type DeployResult = z.infer<typeof deployResultSchema>;

export const rollbackRequestSchema = z
  .object({
    dir,
    deployment: deploymentName,
    /** Absent: the version before the live one. */
    toVersion: z.string().regex(/^[1-9]\d{0,18}$/).optional(),
  })
  .strict();

export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

export const rollbackResultSchema = z.object({ deployment: z.string(), alias: z.string(), fromVersion: z.string(), toVersion: z.string() });

export const destroyRequestSchema = z
  .object({
    dir,
    deployment: deploymentName,
    /** Also delete the images Skylift pushed to the ECR repository (and the repository when it is then empty). */
    images: z.boolean().default(false),
  })
  .strict();

export const destroyApplySchema = destroyRequestSchema.extend({ fingerprint: z.string().min(1) }).strict();

export const destroyPlanSchema = z.object({
  deployment: z.string(),
  functionName: z.string(),
  region: z.string(),
  fingerprint: z.string().min(1),
  lines: z.array(planLineSchema),
  changes: z.boolean(),
  warnings: z.array(z.string()),
});
export type DestroyPlan = z.infer<typeof destroyPlanSchema>;

export const destroyResultSchema = z.object({ deployment: z.string(), deleted: z.array(z.string()) });

/** A deployment from skylift.yaml with what the deployments store says is live. */
export const deploymentSummarySchema = z.object({
  dir: z.string(),
  name: z.string(),
  target: z.literal('aws-lambda'),
  profile: z.string(),
  region: z.string(),
  functionName: z.string(),
  alias: z.string(),
  live: z
    .object({
      functionArn: z.string(),
      version: z.string(),
      imageDigest: z.string(),
      deployedAt: z.string(),
    })
    .nullable(),
  /** Releases, newest first (for show). */
  history: z.array(z.object({ version: z.string(), imageDigest: z.string(), deployedAt: z.string() })).default([]),
});
export type DeploymentSummary = z.infer<typeof deploymentSummarySchema>;



