import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsEndpoints } from '../../../../../shared/contract/profiles';
import type { AwsIdentitySource } from '../../../profiles/aws/aws-credentials';

/** Connect quickly or say so; a request that stalls this long is retried by callAws (retry.ts). */
const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** The clients one publish uses, signed by one profile, pointed at its endpoint overrides where set. */
export interface AwsLambdaClients {
  region: string;
  lambda: LambdaClient;
  ecr: ECRClient;
  iam: IAMClient;
  sts: STSClient;
  /** The Lambda endpoint requests go to (an override, or the region's public one): where the cloud bench measures the round trip. */
  lambdaEndpoint: string;
  destroy(): void;
}

/**
 * Clients with the SDK's own retries off (maxAttempts 1): Skylift retries throttling, 5xx and 409
 * itself (retry.ts) so each retry is a job event the user sees, with its reason and wait.
 */
export function createAwsLambdaClients(identity: AwsIdentitySource, endpoints: AwsEndpoints, region = identity.region): AwsLambdaClients {
  const base = {
    region,
    credentials: identity.credentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  };
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
  const lambda = new LambdaClient({ ...base, ...at(endpoints.lambda) });
  const ecr = new ECRClient({ ...base, ...at(endpoints.ecr) });
  // IAM is global: its endpoint lives in us-east-1 for the aws partition whatever the function's region.
  const iam = new IAMClient({ ...base, ...at(endpoints.iam) });
  const sts = new STSClient({ ...base, ...at(endpoints.sts ?? identity.stsEndpoint) });
  return {
    region,
    lambda,
    ecr,
    iam,
    sts,
    lambdaEndpoint: endpoints.lambda ?? `https://lambda.${region}.amazonaws.com`,
    destroy: () => [lambda, ecr, iam, sts].forEach((client) => client.destroy()),
  };
}
