import { z } from 'zod';

const usd = z.number().finite().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

/**
 * A project's own prices (a negotiated rate, a region the table lacks, a newer price), in place of
 * the table's for the deployment's region and architecture. Fields left out keep the table's.
 */
export const lambdaPricingOverrideSchema = z
  .object({
    gbSecondUsd: usd.optional(),
    requestsPerMillionUsd: usd.optional(),
    ephemeralGbSecondUsd: usd.optional(),
    /** Where the figures come from, shown beside the cost ("our EDP rate card", a URL). */
    source: z.string().min(1).max(500).optional(),
    takenOn: isoDate.optional(),
  })
  .strict();
export type LambdaPricingOverride = z.infer<typeof lambdaPricingOverrideSchema>;
