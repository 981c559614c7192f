import { fromIni, fromSSO, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { STSClientConfig } from '@aws-sdk/client-sts';
import { SkyliftError } from '../../../../shared/contract';
import type { ProfileRecord } from '../profile-store';
import type { SecretFields } from '../secrets/secret-vault';
import { profileKind, readSharedProfiles, sourceLabel } from './shared-files';

// Node 20 is what our build machines run; the SDK's nag about Node 22 would only reach users as noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A profile ready to sign with: the SDK's own provider, and words for where its keys come from. */
export interface AwsIdentitySource {
  credentials: NonNullable<Exclude<STSClientConfig['credentials'], { accessKeyId: string }>>;
  region: string;
  /** "static keys", "assumed role arn:… via dev", "IAM Identity Center (SSO) login" … */
  source: string;
  stsEndpoint?: string;
}

export interface AwsResolveContext {
  /** A stored profile's secret fields, read from the vault (and remembered for redaction). */
  secretsOf(profile: ProfileRecord): Promise<SecretFields>;
  profileById(id: string): ProfileRecord | undefined;
}

const MAX_ROLE_CHAIN = 5;

export async function resolveAws(profile: ProfileRecord, context: AwsResolveContext, depth = 0): Promise<AwsIdentitySource> {
  const region = profile.fields.region ?? 'us-east-1';
  const stsEndpoint = profile.endpoints.sts;
  switch (profile.kind) {
    case 'aws-static': {
      const { accessKeyId, secretAccessKey, sessionToken } = await context.secretsOf(profile);
      return { credentials: async () => ({ accessKeyId, secretAccessKey, sessionToken }), region, stsEndpoint, source: sessionToken ? 'temporary keys (with session token)' : 'static keys' };
    }
    case 'aws-assume-role': {
      if (depth >= MAX_ROLE_CHAIN) throw new SkyliftError({ code: 'PROFILE_INVALID', message: `"${profile.name}" assumes roles through more than ${MAX_ROLE_CHAIN} profiles, or in a circle.`, hint: 'Point its source profile at one holding keys.' });
      const sourceProfile = context.profileById(profile.fields.sourceProfileId);
      if (!sourceProfile) throw new SkyliftError({ code: 'PROFILE_INVALID', message: `The source profile of "${profile.name}" was deleted.`, hint: 'Edit the profile and choose another source profile.' });
      const base = await resolveAws(sourceProfile, context, depth + 1);
      const credentials = fromTemporaryCredentials({
        masterCredentials: base.credentials,
        params: { RoleArn: profile.fields.roleArn, RoleSessionName: profile.fields.sessionName ?? `skylift-${Date.now()}`, ExternalId: profile.fields.externalId },
        clientConfig: { region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}), maxAttempts: 2 },
      });
      return { credentials, region, stsEndpoint, source: `assumed role ${profile.fields.roleArn} via "${sourceProfile.name}" (${base.source})` };
    }
    case 'aws-shared-file': {
      const paths = { configFile: profile.fields.configFile, credentialsFile: profile.fields.credentialsFile };
      // Read at each use, so edits to the file (a rotated key, a new SSO login) are seen.
      const section = (await readSharedProfiles(paths)).get(profile.fields.fileProfile);
      if (!section) {
        throw new SkyliftError({ code: 'PROFILE_INVALID', message: `Profile "${profile.fields.fileProfile}" is no longer in ${paths.configFile} or ${paths.credentialsFile}.`, hint: 'Restore it in the file, or remove this linked profile.' });
      }
      const init = { profile: profile.fields.fileProfile, filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true, clientConfig: { region: section.region ?? region } };
      // fromIni hands SSO profiles to fromSSO without the file paths, so a linked file outside
      // ~/.aws would not be found; ask fromSSO directly with them.
      const credentials = profileKind(section) === 'sso' ? fromSSO(init) : fromIni(init);
      return { credentials, region: profile.fields.region ?? section.region ?? region, stsEndpoint, source: `${sourceLabel[profileKind(section)]}, profile "${profile.fields.fileProfile}"` };
    }
    default:
      throw new SkyliftError({ code: 'PROFILE_INVALID', message: `"${profile.name}" is not an AWS profile.` });
  }
}
