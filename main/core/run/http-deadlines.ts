import type { ProjectConfig, TargetName } from '../../../shared/project/schema';

export type HttpVariant = Exclude<TargetName, 'aws-lambda'>;

/**
 * Azure's front end cuts every HTTP-triggered response at 230 s whatever functionTimeout says
 * (functionTimeout itself defaults to 5 min on the Consumption plan), so that is what a caller sees.
 */
export const AZURE_HTTP_RESPONSE_LIMIT_S = 230;

/**
 * A request's deadline when skylift.yaml sets no `targets.<variant>.timeoutSeconds`.
 * local: 60 s, a common reverse-proxy read timeout (nginx's proxy_read_timeout), so a stuck
 * predict() fails within a minute instead of never. azure-functions: Azure's own HTTP limit.
 */
export const DEFAULT_REQUEST_TIMEOUT_S: Record<HttpVariant, number> = { local: 60, 'azure-functions': AZURE_HTTP_RESPONSE_LIMIT_S };

/** A front end's own cut, whatever the configured timeout says. */
const RESPONSE_LIMIT_S: Partial<Record<HttpVariant, number>> = { 'azure-functions': AZURE_HTTP_RESPONSE_LIMIT_S };

export interface RequestDeadline {
  ms: number;
  /** Where the number came from, as the error message names it. */
  source: string;
  /** Whether Azure's 230 s limit cut a longer configured value. */
  cappedByAzure: boolean;
}

/** The per-request deadline for an HTTP variant: skylift.yaml's timeoutSeconds, else the target's default. */
export function requestDeadline(config: ProjectConfig, variant: HttpVariant): RequestDeadline {
  const configured = config.targets[variant]?.timeoutSeconds;
  const seconds = configured ?? DEFAULT_REQUEST_TIMEOUT_S[variant];
  const limit = RESPONSE_LIMIT_S[variant];
  const cappedByAzure = limit !== undefined && seconds > limit;
  const source = configured === undefined ? `the ${variant} default` : `targets.${variant}.timeoutSeconds`;
  return { ms: Math.min(seconds, limit ?? seconds) * 1000, source, cappedByAzure };
}
