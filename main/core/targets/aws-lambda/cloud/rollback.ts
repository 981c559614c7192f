import { GetAliasCommand, GetFunctionCommand, ListVersionsByFunctionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext, CloudOperations } from '../../cloud';
import { openLambdaDeployment, type LambdaDeploymentView } from './lambda-context';
import { alreadyThere, nothingToRollBackTo, previousVersion } from './rollback-target';
import { allPages, awsErrorName, isNotFound, notPublished, stepCaller, type StepCall } from './verify-aws-calls';

export const rollbackDeployment: CloudOperations['rollback'] = async (context, request) => {
  const view = await openLambdaDeployment(context);
  try {
    return await rollBack(context, view, request.toVersion);
  } finally {
    view.clients.destroy();
  }
};

/** A qualified ARN (…:function:NAME:5 or :alias) as the function's own ARN, which the deployments store keeps. */
export const unqualifiedArn = (arn: string) => arn.split(':').slice(0, 7).join(':');

/** The digest a version runs: Lambda's resolved image URI, else a URI pinned by digest. */
export function imageDigestOf(code: { ImageUri?: string; ResolvedImageUri?: string } | undefined): string | null {
  for (const uri of [code?.ResolvedImageUri, code?.ImageUri]) {
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(uri ?? '')?.[1];
    if (digest) return digest;
  }
  return null;
}

/**
 * Points the alias at an earlier version (default: the one before the one it serves), guarded by
 * the alias's revision so a concurrent move is refused rather than overwritten, and records the
 * rollback as a release so the deployments store says what is live.
 */
export async function rollBack(context: CloudContext, view: LambdaDeploymentView, toVersion: string | undefined, options: { steps: boolean } = { steps: true }): Promise<{ alias: string; fromVersion: string; toVersion: string }> {
  const { lambda } = view.clients;
  // Inside another job (verify's rollback on failure) the steps are that job's; these become log lines.
  const step = (index: number, name: string) => context.emit(options.steps ? { type: 'step', index, total: 3, name } : { type: 'log', stream: 'info', line: name });
  const call = stepCaller(context);
  const FunctionName = view.functionName;

  step(1, `Reading alias ${view.alias}`);
  const alias = await call(`GetAlias ${FunctionName}:${view.alias}`, () => lambda.send(new GetAliasCommand({ FunctionName, Name: view.alias })), (error) =>
    isNotFound(error) ? notPublished(view, context.deploymentName) : null,
  );
  const current = alias.FunctionVersion!;
  const recorded = context.store.history(context.projectDir, context.deploymentName).map((release) => release.version);
  const target = toVersion ?? (await previousVersion(current, recorded, () => publishedVersions(view, call)));
  if (target === null) throw nothingToRollBackTo(FunctionName, view.alias, current);
  if (target === current) throw alreadyThere(FunctionName, view.alias, current);

  step(2, `Reading version ${target}`);
  const version = await call(`GetFunction ${FunctionName}:${target}`, () => lambda.send(new GetFunctionCommand({ FunctionName, Qualifier: target })), (error) =>
    isNotFound(error)
      ? new SkyliftError({ code: 'ROLLBACK_VERSION_MISSING', message: `${FunctionName} has no version ${target} in ${view.region}.`, hint: 'List the versions with skylift deployments show, then name one that exists.' })
      : null,
  );
  const imageDigest = imageDigestOf(version.Code);
  if (!imageDigest) {
    throw new SkyliftError({ code: 'ROLLBACK_VERSION_UNPINNED', message: `Version ${target} of ${FunctionName} runs no image pinned by digest, so Skylift cannot record what would be live.`, hint: 'Roll back to a version Skylift published, or publish again.' });
  }

  step(3, `Moving alias ${view.alias}: version ${current} → ${target}`);
  const moved = await call(
    `UpdateAlias ${FunctionName}:${view.alias}`,
    () => lambda.send(new UpdateAliasCommand({ FunctionName, Name: view.alias, FunctionVersion: target, RevisionId: alias.RevisionId })),
    (error) =>
      awsErrorName(error) === 'PreconditionFailedException'
        ? new SkyliftError({ code: 'ROLLBACK_RACED', message: `Alias ${view.alias} of ${FunctionName} moved while Skylift was rolling it back; nothing was changed.`, hint: 'Run the rollback again: it starts from where the alias is now.' })
        : null,
  );
  context.store.record({
    projectDir: context.projectDir,
    name: context.deploymentName,
    target: 'aws-lambda',
    functionArn: unqualifiedArn(version.Configuration!.FunctionArn!),
    version: target,
    alias: view.alias,
    imageDigest,
    profileId: view.profile.id,
    plan: { fingerprint: `alias-revision:${alias.RevisionId ?? 'none'}`, rollback: { fromVersion: current, toVersion: target, aliasRevision: moved.RevisionId ?? null } },
    deployedAt: new Date().toISOString(),
  });
  context.emit({ type: 'log', stream: 'info', line: `${FunctionName}:${view.alias} now serves version ${target} (was ${current}).` });
  return { alias: view.alias, fromVersion: current, toVersion: target };
}

/** Every published version of the function, page by page (Lambda lists at most 50 a page). */
async function publishedVersions(view: LambdaDeploymentView, call: StepCall): Promise<string[]> {
  const versions = await allPages(
    (Marker) => call(`ListVersionsByFunction ${view.functionName}`, () => view.clients.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: view.functionName, Marker, MaxItems: 50 }))),
    (page) => page.Versions,
    (page) => page.NextMarker,
  );
  return versions.flatMap((v) => (v.Version && v.Version !== '$LATEST' ? [v.Version] : []));
}
