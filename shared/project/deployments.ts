import { z } from 'zod';
import { DEPLOYABLE_TARGETS, TARGET_NAMES } from '../targets';

/**
 * WHERE a function is deployed: named deployments in skylift.yaml (`deployments: { prod: {...} }`),
 * so the app and CI publish to the same place. What the function is stays under `targets:`.
 */

export const DEPLOYMENT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const deploymentName = z.string().regex(DEPLOYMENT_NAME_PATTERN, 'Name a deployment with lowercase letters, digits, - and _ (at most 63), e.g. prod');

/** Skylift's profile rule (shared/contract/profiles.ts): the deployment names a profile, never a secret. */
const profileName = z.string().min(1, 'Name a Skylift profile (skylift profiles list)').max(64, 'A profile name has at most 64 characters').regex(/^[\w.@+-]+$/, 'A profile name uses letters, digits and . _ - @ + only');

/** AWS regions as the Lambda API model spells them: us-east-1, us-gov-west-1, eu-isoe-west-1, eusc-de-east-1. */
const awsRegion = z.string().regex(/^(eusc-)?[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'Write an AWS region such as eu-west-1');

/** A plain function name (not an ARN): CreateFunction's rule. */
const lambdaFunctionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A Lambda function name is 1–64 letters, digits, - or _');

/** Lambda's Alias rule: 1–128 of letters, digits, - and _, not all digits (that would be a version). */
const lambdaAlias = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'An alias is 1–128 letters, digits, - or _')
  .refine((alias) => !/^\d+$/.test(alias), 'An alias cannot be all digits: that is a version number');

export const awsLambdaDeploymentSchema = z
  .object({
    target: z.literal('aws-lambda'),
    profile: profileName,
    region: awsRegion,
    /** The function's name in that account and region; default: the project name. */
    function: lambdaFunctionName.optional(),
    /** The alias that points at the published version. */
    alias: lambdaAlias.default('live'),
    /** The function's execution role; absent: the role the function already has, or skylift-<project> created when the plan is agreed. */
    role: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, 'Write the role as an ARN: arn:aws:iam::123456789012:role/NAME').optional(),
  })
  .strict();

const targetList = DEPLOYABLE_TARGETS.join(', ');
export const deploymentSchema = z.discriminatedUnion('target', [awsLambdaDeploymentSchema], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const target = (issue.input as { target?: unknown } | undefined)?.target;
    if (target === undefined) return `Say which target this deployment publishes: target: ${targetList}`;
    if ((TARGET_NAMES as readonly unknown[]).includes(target)) return `Skylift cannot publish to ${String(target)} yet; a deployment's target is one of: ${targetList}`;
    return `Unknown target "${String(target).slice(0, 60)}"; a deployment's target is one of: ${targetList}`;
  },
});

export const deploymentsSchema = z.record(deploymentName, deploymentSchema);

export type AwsLambdaDeployment = z.infer<typeof awsLambdaDeploymentSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;
