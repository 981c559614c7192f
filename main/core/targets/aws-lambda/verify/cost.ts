import {
  lambdaCostOptionsSchema,
  type LambdaCostBreakdown,
  type LambdaCostOptions,
  type LambdaCostSample,
  type LambdaPricingTable,
} from '../../../../../shared/cloud/lambda-cost';
import { ErrorCode, SkyliftError } from '../../../../../shared/errors';
import { LAMBDA_PRICING, lambdaPricesFor } from './pricing-table';

export const COST_NO_SAMPLES = 'COST_NO_SAMPLES';
export const COST_NO_COLD_SAMPLES = 'COST_NO_COLD_SAMPLES';

/** Lambda bills memory in GB of 1,024 MB; 512 MB of ephemeral storage come free. */
const MB_PER_GB = 1024;
const FREE_EPHEMERAL_MB = 512;

export interface LambdaCostInput extends LambdaCostOptions {
  samples: readonly LambdaCostSample[];
  /** Tests pass their own table; the shipped one otherwise. */
  table?: LambdaPricingTable;
}

interface BilledSplit {
  invokeMs: number;
  /** Init milliseconds billed; 0 on a warm invocation. */
  initMs: number;
}

/**
 * Split one sample's billed milliseconds into its invoke and init parts. Since 2025-08-01 (and for
 * container images always) a cold start's Billed Duration includes Init Duration; a report whose
 * Billed Duration is below Duration + Init Duration did not include it, so the init is added, as
 * Lambda bills it now.
 */
export function billedSplit(sample: LambdaCostSample & { billedDurationMs: number }): BilledSplit {
  const billed = sample.billedDurationMs;
  if (sample.initDurationMs === null) return { invokeMs: billed, initMs: 0 };
  const initBilled = Math.ceil(sample.initDurationMs);
  const duration = sample.durationMs ?? null;
  const includesInit = duration === null || billed >= Math.floor(duration + sample.initDurationMs);
  if (!includesInit) return { invokeMs: billed, initMs: initBilled };
  const initMs = Math.min(billed, initBilled);
  return { invokeMs: billed - initMs, initMs };
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length);

/**
 * Cost per one million inferences from measured samples: mean billed duration × memory × the
 * GB-second price, init billed on cold starts weighted by the cold share, the request charge, and
 * ephemeral storage above 512 MB where its price is known.
 */
export function lambdaCostPerMillion(input: LambdaCostInput): LambdaCostBreakdown {
  checkOptions(input);
  const prices = lambdaPricesFor(input.region, input.architecture, input.pricing, input.table ?? LAMBDA_PRICING);
  const billed = input.samples.filter(hasBilled);
  if (billed.length === 0) {
    throw new SkyliftError({
      code: COST_NO_SAMPLES,
      message: 'No sample carries a Billed Duration, so there is nothing to price.',
      hint: 'Bench the deployment in the cloud (or the local aws-lambda variant): each invocation then reports its Billed Duration.',
    });
  }
  const splits = billed.map(billedSplit);
  const cold = billed.map((s, i) => (s.initDurationMs === null ? null : splits[i]!.initMs)).filter((ms): ms is number => ms !== null);
  const coldShare = input.coldShare ?? cold.length / billed.length;
  if (coldShare > 0 && cold.length === 0) {
    throw new SkyliftError({
      code: COST_NO_COLD_SAMPLES,
      message: `A cold share of ${coldShare} was given but no sample is a cold start, so the init cost is unknown.`,
      hint: 'Bench with forced cold starts, or give a cold share of 0.',
    });
  }
  const gb = input.memoryMb / MB_PER_GB;
  const meanInvokeBilledMs = mean(splits.map((s) => s.invokeMs));
  const meanInitBilledMs = mean(cold);
  const billedSecondsPerInvocation = (meanInvokeBilledMs + coldShare * meanInitBilledMs) / 1000;
  const compute = (meanInvokeBilledMs / 1000) * gb * prices.gbSecondUsd;
  const init = ((coldShare * meanInitBilledMs) / 1000) * gb * prices.gbSecondUsd;
  const requests = prices.requestsPerMillionUsd / 1e6;
  const ephemeralStorageMb = input.ephemeralStorageMb ?? FREE_EPHEMERAL_MB;
  const extraStorageGb = Math.max(0, ephemeralStorageMb - FREE_EPHEMERAL_MB) / MB_PER_GB;
  const storagePriced = extraStorageGb === 0 || prices.ephemeralGbSecondUsd !== null;
  const storage = extraStorageGb === 0 ? 0 : prices.ephemeralGbSecondUsd === null ? null : billedSecondsPerInvocation * extraStorageGb * prices.ephemeralGbSecondUsd;
  const perInvocationUsd = compute + init + requests + (storage ?? 0);
  return {
    perMillion: { compute: compute * 1e6, init: init * 1e6, requests: requests * 1e6, ephemeralStorage: storage === null ? null : storage * 1e6, total: perInvocationUsd * 1e6 },
    perInvocationUsd,
    complete: storagePriced,
    basis: {
      samples: billed.length,
      coldSamples: cold.length,
      coldShare,
      coldShareFrom: input.coldShare === undefined ? 'measured' : 'given',
      meanInvokeBilledMs,
      meanInitBilledMs,
      memoryMb: input.memoryMb,
      ephemeralStorageMb,
    },
    prices,
  };
}

function checkOptions(input: LambdaCostInput): void {
  const checked = lambdaCostOptionsSchema.safeParse(input);
  if (checked.success) return;
  const issue = checked.error.issues[0]!;
  throw new SkyliftError({
    code: ErrorCode.BadInput,
    message: `The cost settings are not valid: ${issue.path.join('.') || 'input'}: ${issue.message}.`,
    hint: 'Memory is 128–10,240 MB, ephemeral storage 512–10,240 MB, the cold share between 0 and 1.',
  });
}

/** A sample with a Billed Duration; a number that cannot be a duration is refused (checked by hand: zod per sample is slow at a million). */
function hasBilled(sample: LambdaCostSample): sample is LambdaCostSample & { billedDurationMs: number } {
  const durations = [sample.billedDurationMs, sample.initDurationMs, sample.durationMs ?? null];
  if (durations.some((ms) => ms !== null && !(Number.isFinite(ms) && ms >= 0))) {
    throw new SkyliftError({
      code: ErrorCode.BadInput,
      message: `A sample has a duration that is not a non-negative number: ${JSON.stringify(sample)}.`,
      hint: 'Samples come from Lambda REPORT lines; a run with such a sample is damaged.',
    });
  }
  return sample.billedDurationMs !== null;
}
