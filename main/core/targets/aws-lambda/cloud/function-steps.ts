import {
  CreateAliasCommand,
  CreateFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { CloudContext } from '../../cloud';
import type { LambdaArchitecture } from '../publish/manifest-check';
import type { Intent } from './intent';
import type { LambdaDeploymentView } from './lambda-context';
import { callAws, type AwsErrorFacts, type RetryReason } from './retry';
import type { Observed, WantedShape } from './shape';
import { functionTags } from './skylift-tags';
import { waitUntilSettled } from './waiters';

/** A role IAM just created reaches Lambda within seconds; AWS asks callers to retry meanwhile. */
export const ROLE_PROPAGATION_MS = 30_000;
const notYetAssumable = (facts: AwsErrorFacts): RetryReason | null =>
  facts.name === 'InvalidParameterValueException' && /cannot be assumed/i.test(facts.message) ? 'propagating' : null;

const environmentOf = (wanted: WantedShape) => ({ Variables: wanted.environment });

/** CreateFunction by digest (never a tag), marked as Skylift's for its project and deployment, then wait until it is Active. */
export async function createFunction(view: LambdaDeploymentView, context: CloudContext, imageUri: string, wanted: WantedShape & { architecture: LambdaArchitecture; role: string }): Promise<FunctionConfiguration> {
  await callAws(
    () =>
      view.clients.lambda.send(
        new CreateFunctionCommand({
          FunctionName: view.functionName,
          PackageType: 'Image',
          Code: { ImageUri: imageUri },
          Architectures: [wanted.architecture],
          MemorySize: wanted.memoryMb,
          Timeout: wanted.timeoutSeconds,
          ...(wanted.ephemeralStorageMb === null ? {} : { EphemeralStorage: { Size: wanted.ephemeralStorageMb } }),
          ...(Object.keys(wanted.environment).length ? { Environment: environmentOf(wanted) } : {}),
          Role: wanted.role,
          Publish: false,
          // Lambda keeps tags on the function (not on versions): destroy on any machine tells Skylift's functions by them.
          Tags: functionTags(context.config.name, context.deploymentName),
        }),
      ),
    { step: `CreateFunction ${view.functionName}`, emit: context.emit, signal: context.signal, classify: notYetAssumable, deadlineMs: ROLE_PROPAGATION_MS },
  );
  context.emit({ type: 'log', stream: 'info', line: `Created function ${view.functionName} from ${imageUri}` });
  return waitUntilSettled(view, context, 'CreateFunction');
}

/** UpdateFunctionCode (and architecture) and/or UpdateFunctionConfiguration, each waited out; answers $LATEST as settled. */
export async function updateFunction(view: LambdaDeploymentView, context: CloudContext, observed: Observed, intent: Intent, imageUri: string, wanted: WantedShape): Promise<FunctionConfiguration> {
  const options = { emit: context.emit, signal: context.signal };
  let revisionId = observed.fn!.revisionId;
  let settled: FunctionConfiguration | null = null;
  if (intent.codeUpdate) {
    await callAws(
      () =>
        view.clients.lambda.send(
          new UpdateFunctionCodeCommand({ FunctionName: view.functionName, ImageUri: imageUri, ...(wanted.architecture ? { Architectures: [wanted.architecture] } : {}), RevisionId: revisionId }),
        ),
      { ...options, step: `UpdateFunctionCode ${view.functionName}` },
    );
    settled = await waitUntilSettled(view, context, 'UpdateFunctionCode');
    revisionId = settled.RevisionId ?? revisionId;
  }
  if (intent.configChanges.length) {
    const change = intent.configChanges;
    await callAws(
      () =>
        view.clients.lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: view.functionName,
            RevisionId: revisionId,
            ...(change.includes('memoryMb') ? { MemorySize: wanted.memoryMb } : {}),
            ...(change.includes('timeoutSeconds') ? { Timeout: wanted.timeoutSeconds } : {}),
            ...(change.includes('ephemeralStorageMb') && wanted.ephemeralStorageMb !== null ? { EphemeralStorage: { Size: wanted.ephemeralStorageMb } } : {}),
            ...(change.includes('environment') ? { Environment: environmentOf(wanted) } : {}),
            ...(change.includes('role') && wanted.role ? { Role: wanted.role } : {}),
          }),
        ),
      { ...options, step: `UpdateFunctionConfiguration ${view.functionName} (${change.join(', ')})`, classify: notYetAssumable },
    );
    settled = await waitUntilSettled(view, context, 'UpdateFunctionConfiguration');
  }
  return settled ?? waitUntilSettled(view, context, 'the last update');
}

/** PublishVersion guarded by the code and revision just settled, so a concurrent change is refused, not published. */
export async function publishVersion(view: LambdaDeploymentView, context: CloudContext, latest: FunctionConfiguration): Promise<string> {
  const published = await callAws(
    () => view.clients.lambda.send(new PublishVersionCommand({ FunctionName: view.functionName, CodeSha256: latest.CodeSha256, RevisionId: latest.RevisionId, Description: 'Published by Skylift' })),
    { step: `PublishVersion ${view.functionName}`, emit: context.emit, signal: context.signal },
  );
  context.emit({ type: 'log', stream: 'info', line: `Published version ${published.Version}` });
  // An image version is Pending until Lambda has optimized it; the alias moves to it once it can answer.
  await waitUntilSettled(view, context, `PublishVersion ${published.Version}`, { qualifier: published.Version });
  return published.Version!;
}

/** Creates the alias at the version, or moves it there (guarded by the revision observed). */
export async function pointAlias(view: LambdaDeploymentView, context: CloudContext, observed: Observed, version: string): Promise<void> {
  const options = { emit: context.emit, signal: context.signal };
  if (!observed.alias) {
    await callAws(() => view.clients.lambda.send(new CreateAliasCommand({ FunctionName: view.functionName, Name: view.alias, FunctionVersion: version })), { ...options, step: `CreateAlias ${view.alias}` });
  } else {
    await callAws(
      () => view.clients.lambda.send(new UpdateAliasCommand({ FunctionName: view.functionName, Name: view.alias, FunctionVersion: version, RevisionId: observed.alias!.revisionId })),
      { ...options, step: `UpdateAlias ${view.alias}` },
    );
  }
  context.emit({ type: 'log', stream: 'info', line: `Alias ${view.alias} → version ${version}` });
}
