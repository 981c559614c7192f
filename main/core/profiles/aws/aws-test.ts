import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConnectionCode, firstLine, unreachable, type Failure } from '../connection-errors';
import type { AwsIdentitySource } from './aws-credentials';

export interface AwsIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** STS GetCallerIdentity: needs no permission, so it tests exactly the credentials and the endpoint. */
export async function callerIdentity(identity: AwsIdentitySource): Promise<AwsIdentity> {
  const client = new STSClient({
    region: identity.region,
    credentials: identity.credentials,
    ...(identity.stsEndpoint ? { endpoint: identity.stsEndpoint } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 15_000 },
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  } finally {
    client.destroy();
  }
}

/** STS's (and the credential providers') errors, as what the user can do about them. */
export function awsFailure(error: unknown, identity: { region: string; stsEndpoint?: string }): Failure {
  const endpoint = identity.stsEndpoint ?? `sts.${identity.region}.amazonaws.com`;
  const network = unreachable(error, endpoint);
  if (network) return network;
  const name = String((error as { name?: string }).name ?? '');
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (/signature expired|RequestTimeTooSkewed|request time.*(too|more than)/i.test(`${name} ${message}`)) {
    return { code: ConnectionCode.ClockSkew, message: `AWS refused the request time: ${message}`, hint: "This computer's clock is more than 15 minutes off. Turn on automatic time (e.g. `timedatectl set-ntp true`) and test again." };
  }
  if (name === 'InvalidClientTokenId' || name === 'UnrecognizedClientException' || name === 'SignatureDoesNotMatch' || name === 'IncompleteSignature') {
    return { code: ConnectionCode.InvalidKey, message: `AWS did not accept this key: ${message}`, hint: 'Check the access key id and secret (were they rotated or deleted?), then use "Replace secret" to enter the current pair.' };
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || /expired|sso session|aws sso login|token.*(invalid|refresh)/i.test(message)) {
    return { code: ConnectionCode.ExpiredSession, message: `The session has expired: ${message}`, hint: 'Temporary keys and SSO logins expire. Run `aws sso login --profile <name>` for an SSO profile, or enter fresh temporary keys.' };
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || /not authorized/i.test(message)) {
    return { code: ConnectionCode.PermissionDenied, message: `AWS denied the request: ${message}`, hint: "The keys work but lack permission. For a role, check its trust policy names the source identity (and the external id matches)." };
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'PROFILE_INVALID') {
    return { code: ConnectionCode.ProfileInvalid, message: `The profile could not produce credentials: ${message}`, hint: 'Check the profile in the AWS shared files (aws configure list --profile <name> shows what it resolves to).' };
  }
  return { code: ConnectionCode.Unknown, message: `The test failed: ${name ? `${name}: ` : ''}${message}`, hint: 'Check the region and endpoint override, then test again.' };
}
