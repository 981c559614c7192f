import { z } from 'zod';
import { DEPLOYMENT_NAME_PATTERN } from '../../../shared/project/deployments';
import { DEPLOYABLE_TARGETS, type TargetName } from '../../../shared/targets';

/** A published version's ARN: arn:aws:lambda:eu-west-1:123456789012:function:iris (partitions aws, aws-cn, aws-us-gov…). */
const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:(eusc-)?[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;

/** The plan that was applied, as JSON, with the fingerprint of the cloud it was made against. */
export const appliedPlanSchema = z.object({ fingerprint: z.string().min(1) }).catchall(z.json());

/** One release of a deployment: what was made live, from which image, by which profile, under which plan. */
export const deploymentRecordSchema = z.object({
  projectDir: z.string().min(1),
  name: z.string().regex(DEPLOYMENT_NAME_PATTERN),
  target: z.custom<TargetName>((value) => (DEPLOYABLE_TARGETS as readonly unknown[]).includes(value), { message: `A deployment's target is one of: ${DEPLOYABLE_TARGETS.join(', ')}` }),
  /** The unqualified function ARN; the version and alias say what answers. */
  functionArn: z.string().regex(LAMBDA_FUNCTION_ARN, 'Not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)'),
  /** A published version number, never $LATEST: a deployment is pinned. */
  version: z.string().regex(/^[1-9]\d{0,18}$/, 'A published Lambda version is a number (1, 2, …)'),
  alias: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).refine((alias) => !/^\d+$/.test(alias), 'An alias cannot be all digits'),
  /** What the function runs, by digest (functions are pinned by digest, never by tag). */
  imageDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'An image digest is sha256: and 64 hex digits'),
  /** The Skylift profile (its id, which survives a rename) whose identity published it. */
  profileId: z.string().min(1),
  plan: appliedPlanSchema,
  deployedAt: z.iso.datetime(),
});

export type DeploymentRecord = z.infer<typeof deploymentRecordSchema>;
export type DeploymentRecordInput = z.input<typeof deploymentRecordSchema>;

/** A stored release, with the row id that orders releases of one deployment. */
export type StoredDeployment = DeploymentRecord & { id: number };
