import {
  lambdaPricingTableSchema,
  type LambdaArchitecture,
  type LambdaPricesUsed,
  type LambdaPricingOverride,
  type LambdaPricingTable,
} from '../../../../../shared/cloud/lambda-cost';
import { SkyliftError } from '../../../../../shared/errors';
import table from '../../../../../resources/pricing/aws-lambda.json';

export const PRICING_UNKNOWN_REGION = 'PRICING_UNKNOWN_REGION';

/** The shipped table, checked once at load: a malformed table fails every test, not a user's cost. */
export const LAMBDA_PRICING: LambdaPricingTable = lambdaPricingTableSchema.parse(table);

/**
 * The prices for a region and architecture: the table's, with the project's override on top. A
 * region the table lacks needs both duration and request prices in the override; Skylift does not guess them.
 */
export function lambdaPricesFor(
  region: string,
  architecture: LambdaArchitecture,
  override: LambdaPricingOverride = {},
  pricing: LambdaPricingTable = LAMBDA_PRICING,
): LambdaPricesUsed {
  const row = Object.hasOwn(pricing.regions, region) ? pricing.regions[region] : undefined;
  const gbSecondUsd = override.gbSecondUsd ?? row?.[architecture].gbSecondUsd;
  const requestsPerMillionUsd = override.requestsPerMillionUsd ?? row?.[architecture].requestsPerMillionUsd;
  if (gbSecondUsd === undefined || requestsPerMillionUsd === undefined) {
    throw new SkyliftError({
      code: PRICING_UNKNOWN_REGION,
      message: `Skylift's Lambda price table has no prices for ${region}.`,
      hint: `Give this project's pricing (gbSecondUsd and requestsPerMillionUsd, from ${pricing.source}) or use a region the table lists: ${Object.keys(pricing.regions).join(', ')}.`,
      details: { region, architecture },
    });
  }
  const overridden = (['gbSecondUsd', 'requestsPerMillionUsd', 'ephemeralGbSecondUsd'] as const).filter((key) => override[key] !== undefined);
  return {
    region,
    architecture,
    gbSecondUsd,
    requestsPerMillionUsd,
    ephemeralGbSecondUsd: override.ephemeralGbSecondUsd ?? row?.ephemeralGbSecondUsd ?? null,
    source: sourceOf(row?.source, override, overridden.length > 0),
    takenOn: override.takenOn ?? row?.takenOn ?? null,
    overridden,
  };
}

function sourceOf(tableSource: string | undefined, override: LambdaPricingOverride, overridden: boolean): string {
  if (override.source) return override.source;
  if (!tableSource) return 'project pricing override';
  return overridden ? `${tableSource} (some prices overridden by the project)` : tableSource;
}
