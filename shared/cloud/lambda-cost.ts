import { z } from 'zod';
import { architectureSchema, type Architecture } from '../project/target-settings';
import { lambdaPricingOverrideSchema } from './lambda-pricing-override';

/** Lambda's instruction set architectures, as its API names them: the project's one list. */
export const lambdaArchitectureSchema = architectureSchema;
export type LambdaArchitecture = Architecture;

const usd = z.number().finite().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
/** An AWS region code: us-east-1, eu-central-2, us-gov-west-1, … */
export const awsRegionSchema = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d{1,2}$/, 'An AWS region such as us-east-1');

export const lambdaArchitecturePriceSchema = z
  .object({
    /** On-demand duration, first tier. */
    gbSecondUsd: usd,
    requestsPerMillionUsd: usd,
  })
  .strict();

/** What confirmed a region's figures: a public page, what it says, and the date it states (where it states one). */
export const pricingEvidenceSchema = z
  .object({
    url: z.string().url(),
    asOf: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    says: z.string().min(1),
  })
  .strict();

export const lambdaRegionPricingSchema = z
  .object({
    x86_64: lambdaArchitecturePriceSchema,
    arm64: lambdaArchitecturePriceSchema,
    /** Ephemeral storage above the free 512 MB, per GB-second; null where no source could be found. */
    ephemeralGbSecondUsd: usd.nullable(),
    /** AWS's pricing page the figures are meant to match, and when they were taken. */
    source: z.string().url(),
    takenOn: isoDate,
    evidence: z.array(pricingEvidenceSchema).min(1),
  })
  .strict();

/** resources/pricing/aws-lambda.json. */
export const lambdaPricingTableSchema = z
  .object({
    service: z.literal('aws-lambda'),
    currency: z.literal('USD'),
    tier: z.string().min(1),
    takenOn: isoDate,
    source: z.string().url(),
    notes: z.array(z.string()),
    regions: z.record(awsRegionSchema, lambdaRegionPricingSchema),
  })
  .strict();
export type LambdaPricingTable = z.infer<typeof lambdaPricingTableSchema>;

export { lambdaPricingOverrideSchema, type LambdaPricingOverride } from './lambda-pricing-override';

/** The prices a cost was computed with, and where they came from, so the UI can show both. */
export const lambdaPricesUsedSchema = z.object({
  region: awsRegionSchema,
  architecture: lambdaArchitectureSchema,
  gbSecondUsd: usd,
  requestsPerMillionUsd: usd,
  ephemeralGbSecondUsd: usd.nullable(),
  source: z.string(),
  takenOn: isoDate.nullable(),
  /** Which fields the project's override set. */
  overridden: z.array(z.enum(['gbSecondUsd', 'requestsPerMillionUsd', 'ephemeralGbSecondUsd'])),
});
export type LambdaPricesUsed = z.infer<typeof lambdaPricesUsedSchema>;

/** One measured invocation, as a run stores it (REPORT numbers; durationMs where known). */
export const lambdaCostSampleSchema = z.object({
  billedDurationMs: z.number().nonnegative().nullable(),
  initDurationMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative().nullable().optional(),
});
export type LambdaCostSample = z.infer<typeof lambdaCostSampleSchema>;

/** Dollars per one million inferences, by charge. */
export const lambdaCostPerMillionSchema = z.object({
  /** Invoke-phase duration × memory × GB-second price. */
  compute: usd,
  /** Init-phase duration billed on cold starts, weighted by the cold share. */
  init: usd,
  requests: usd,
  /** Storage above 512 MB; null when configured but the region has no known price (then `complete` is false). */
  ephemeralStorage: usd.nullable(),
  total: usd,
});

export const lambdaCostBreakdownSchema = z.object({
  perMillion: lambdaCostPerMillionSchema,
  perInvocationUsd: usd,
  /** false when a charge that applies could not be priced; `total` then leaves it out. */
  complete: z.boolean(),
  basis: z.object({
    samples: z.number().int().nonnegative(),
    coldSamples: z.number().int().nonnegative(),
    /** Share of invocations taken as cold starts. */
    coldShare: z.number().min(0).max(1),
    coldShareFrom: z.enum(['measured', 'given']),
    meanInvokeBilledMs: z.number().nonnegative(),
    /** Mean init milliseconds billed per cold start (0 with no cold samples). */
    meanInitBilledMs: z.number().nonnegative(),
    memoryMb: z.number().int().positive(),
    ephemeralStorageMb: z.number().int().positive(),
  }),
  prices: lambdaPricesUsedSchema,
});
export type LambdaCostBreakdown = z.infer<typeof lambdaCostBreakdownSchema>;

/** What a cost is asked for with, besides the samples: the function's settings and the project's choices. */
export const lambdaCostOptionsSchema = z.object({
  memoryMb: z.number().int().min(128).max(10240),
  architecture: lambdaArchitectureSchema,
  region: awsRegionSchema,
  /** Lambda's default is 512 MB, which is free. */
  ephemeralStorageMb: z.number().int().min(512).max(10240).optional(),
  /** Share of production invocations that are cold starts; default: the share among the samples. */
  coldShare: z.number().min(0).max(1).optional(),
  pricing: lambdaPricingOverrideSchema.optional(),
});
export type LambdaCostOptions = z.infer<typeof lambdaCostOptionsSchema>;
