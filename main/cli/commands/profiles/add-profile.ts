import { Argument, Option, type Command } from 'commander';
import { SkyliftError, type ProfileInput } from '../../../../shared/contract';
import { ExitCode, printResult } from '../../output';
import { readSecrets } from '../../read-secret';
import { ADD_KINDS, buildAddInput, checkBeforeSecrets, optionProblem, secretFieldsOf, withFlagNames, type AddKind, type AddOptions } from './add-profile-input';
import { describeAdded } from './describe';
import { withProfiles, type ProfilesCall } from './profiles-call';

const SECRETS_HELP = `
Secrets are never command-line arguments and are never printed. On a terminal they are asked
for at a hidden prompt; when stdin is not a terminal, all of stdin is read, one secret per line:
  aws-static                the secret access key; then the session token with --with-session-token
  azure-client-secret       the client secret
  azure-client-certificate  the certificate's password, with --certificate-password
                            (the PEM itself is read from --certificate-file)

Examples:
  printf '%s' "$AWS_SECRET_ACCESS_KEY" | skylift profiles add aws-static --name dev --region eu-west-1 --access-key-id AKIA...
  printf '%s\\n%s\\n' "$SECRET_KEY" "$SESSION_TOKEN" | skylift profiles add aws-static --with-session-token --name tmp --region eu-west-1 --access-key-id ASIA...
  skylift profiles add aws-assume-role --name deploy --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/deployer --source-profile dev
  skylift profiles add azure-client-secret --name ci --tenant contoso.onmicrosoft.com --client-id 00000000-0000-0000-0000-000000000000
  skylift profiles add azure-cli --name me`;

/** Kinds whose credential Skylift keeps (key, client secret, certificate): they need somewhere to keep it. */
const STORES_SECRET: ReadonlySet<AddKind> = new Set(['aws-static', 'azure-client-secret', 'azure-client-certificate']);

export function registerAddProfile(profiles: Command): void {
  profiles
    .command('add')
    .description('Add a credential profile; its secret goes to the keychain (or the opted-in file), never to SQLite')
    .addArgument(new Argument('<kind>', 'what kind of credential').choices(ADD_KINDS))
    .requiredOption('--name <name>', 'the profile name Skylift shows and other commands take')
    .option('--region <region>', 'AWS: default region, e.g. eu-west-1')
    .option('--access-key-id <id>', 'aws-static: the access key id (AKIA... or ASIA...; not secret)')
    .option('--with-session-token', 'aws-static: also read a session token (temporary ASIA... keys)')
    .option('--role-arn <arn>', 'aws-assume-role: the role to assume')
    .option('--external-id <id>', 'aws-assume-role: the external id the role requires')
    .option('--session-name <name>', 'aws-assume-role: the role session name')
    .option('--source-profile <name>', 'aws-assume-role: the Skylift profile whose credentials assume the role')
    .option('--tenant <tenant>', 'Azure: tenant id (GUID) or domain')
    .option('--client-id <id>', 'Azure service principal: application (client) id')
    .option('--subscription <id>', 'Azure: default subscription id')
    .addOption(new Option('--cloud <cloud>', 'Azure: which cloud').choices(['public', 'usgov', 'china', 'custom']))
    .option('--authority-host <url>', 'Azure, --cloud custom: the login host')
    .option('--resource-manager <url>', 'Azure, --cloud custom: the Resource Manager host')
    .option('--sts-endpoint <url>', 'AWS: STS endpoint override')
    .option('--lambda-endpoint <url>', 'AWS: Lambda endpoint override')
    .option('--ecr-endpoint <url>', 'AWS: ECR endpoint override')
    .option('--iam-endpoint <url>', 'AWS: IAM endpoint override (creating the execution role)')
    .option('--certificate-file <path>', 'azure-client-certificate: PEM file with the certificate and its private key')
    .option('--certificate-password', 'azure-client-certificate: the PEM is encrypted; read its password from the prompt/stdin')
    .option('--json', 'print the new profile as JSON')
    .addHelpText('after', SECRETS_HELP)
    .action(async (kind: AddKind, opts: AddOptions, command: Command) => {
      const problem = optionProblem(kind, opts);
      if (problem) command.error(`error: ${problem}`, { exitCode: ExitCode.Usage });
      const out = { json: Boolean(opts.json) };
      await withProfiles(out, async (call) => {
        const sourceProfileId = kind === 'aws-assume-role' && opts.sourceProfile ? (await call('get', { id: opts.sourceProfile })).id : undefined;
        const input = buildAddInput(kind, opts, sourceProfileId);
        const secrets = secretFieldsOf(kind, opts);
        checkBeforeSecrets(input, secrets.map((s) => s.field));
        const storage = await call('storage', {});
        if (STORES_SECRET.has(kind) && storage.backend === 'none') {
          // storage.message is core's one sentence (the UI shows the same); the probe's detail goes in details, not the headline.
          throw new SkyliftError({ code: 'NO_SECURE_STORAGE', message: storage.message, hint: 'To opt in: skylift profiles storage --allow-insecure-file (details: skylift profiles storage).', ...(storage.detail ? { details: { reason: storage.detail } } : {}) });
        }
        const values = await readSecrets(secrets.map((s) => s.label));
        const profile = await addProfile(call, { ...input, ...Object.fromEntries(secrets.map((s, i) => [s.field, values[i]])) } as ProfileInput);
        printResult(out, profile, () => describeAdded(profile, storage));
      });
    });
}

async function addProfile(call: ProfilesCall, input: ProfileInput) {
  try {
    return await call('add', input);
  } catch (error) {
    throw error instanceof SkyliftError ? new SkyliftError(withFlagNames(error.toAppError())) : error;
  }
}
