import { BatchDeleteImageCommand, DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import { DeleteAliasCommand, DeleteFunctionCommand } from '@aws-sdk/client-lambda';
import { SkyliftError } from '../../../../../shared/errors';
import type { AwsLambdaDeployment } from '../../../../../shared/project/deployments';
import type { CloudContext, CloudOperations } from '../../cloud';
import { decideDestroy, type DestroyDecision } from './destroy-plan';
import { observeForDestroy, observeRunningDigests } from './destroy-observe';
import { functionNameOf, openLambdaDeployment, type LambdaDeploymentView } from './lambda-context';
import { awsErrorName, isNotFound, stepCaller } from './verify-aws-calls';

/** BatchDeleteImage takes at most 100 image ids a call (ecr-service-2.json ImageIdentifierList). */
const IMAGES_PER_DELETE = 100;

async function decide(context: CloudContext, view: LambdaDeploymentView, images: boolean): Promise<DestroyDecision> {
  const observed = await observeForDestroy(view, context, { images });
  const records = context.store.history(context.projectDir, context.deploymentName);
  const others = context.store.list(context.projectDir).filter((live) => live.name !== context.deploymentName);
  const otherDigests = new Set(others.flatMap((live) => context.store.history(context.projectDir, live.name).map((r) => r.imageDigest)));
  const lambdaDeployments = Object.entries(context.config.deployments ?? {}).filter((entry): entry is [string, AwsLambdaDeployment] => entry[0] !== context.deploymentName && entry[1].target === 'aws-lambda');
  const sharedWith = lambdaDeployments
    .filter(([, other]) => other.region === view.region && functionNameOf({ config: context.config, deployment: other }) === view.functionName)
    .map(([name]) => name);
  if (images) for (const digest of await digestsOthersRun(context, view, lambdaDeployments)) otherDigests.add(digest);
  return decideDestroy({ observed, images, project: context.config.name, deploymentName: context.deploymentName, alias: view.alias, records, otherDigests, sharedWith });
}

/**
 * This machine's store may not know what the project's other deployments run (they may publish
 * from CI): the ones this profile can read in this region (where this repository is) are asked
 * what their functions run, so an image they run is never deleted with this deployment's.
 */
async function digestsOthersRun(context: CloudContext, view: LambdaDeploymentView, deployments: ReadonlyArray<[string, AwsLambdaDeployment]>): Promise<string[]> {
  const functions = new Set(
    deployments
      .filter(([, other]) => other.region === view.region && other.profile === view.deployment.profile)
      .map(([, other]) => functionNameOf({ config: context.config, deployment: other }))
      .filter((name) => name !== view.functionName),
  );
  const digests: string[] = [];
  for (const name of [...functions].sort()) digests.push(...(await observeRunningDigests(view, context, name)));
  return digests;
}

async function withView<T>(context: CloudContext, run: (view: LambdaDeploymentView) => Promise<T>): Promise<T> {
  const view = await openLambdaDeployment(context);
  try {
    return await run(view);
  } finally {
    view.clients.destroy();
  }
}

export const destroyPlan: CloudOperations['destroyPlan'] = (context, request) =>
  withView(context, async (view) => {
    const decision = await decide(context, view, request.images);
    return { deployment: context.deploymentName, functionName: view.functionName, region: view.region, fingerprint: decision.fingerprint, lines: decision.lines, changes: decision.changes, warnings: decision.warnings };
  });

/**
 * Removes what the plan with this fingerprint listed, in an order that leaves an honest state if it
 * stops half-way: aliases, the function (with its versions), Skylift's record, then images and the
 * repository. A plan made against another cloud state is refused before anything is deleted.
 */
export const destroyDeployment: CloudOperations['destroy'] = (context, request) =>
  withView(context, async (view) => {
    context.emit({ type: 'step', index: 1, name: 'Observing what exists' });
    const decision = await decide(context, view, request.images);
    if (decision.fingerprint !== request.fingerprint) {
      throw new SkyliftError({
        code: 'PLAN_STALE',
        message: `The cloud changed since the destroy plan was made (${view.functionName} in ${view.region}); nothing was deleted.`,
        hint: 'Make the destroy plan again, read it, and confirm that one.',
      });
    }
    const call = stepCaller(context);
    const FunctionName = view.functionName;
    const gone = (error: unknown) => (isNotFound(error) ? null : Promise.reject(error));
    const deleted: string[] = [];
    for (const alias of decision.aliases) {
      context.emit({ type: 'step', index: 2, name: `Deleting alias ${alias}` });
      await call(`DeleteAlias ${FunctionName}:${alias}`, () => view.clients.lambda.send(new DeleteAliasCommand({ FunctionName, Name: alias })).catch(gone));
      deleted.push(`alias ${alias}`);
    }
    if (decision.deleteFunction) {
      context.emit({ type: 'step', index: 3, name: `Deleting function ${FunctionName}` });
      await call(`DeleteFunction ${FunctionName}`, () => view.clients.lambda.send(new DeleteFunctionCommand({ FunctionName })).catch(gone));
      deleted.push(`function ${FunctionName}`);
    }
    if (decision.forgetRecords) {
      context.store.forget(context.projectDir, context.deploymentName);
      deleted.push(`record of ${context.deploymentName}`);
    }
    deleted.push(...(await deleteImages(context, view, decision)));
    context.emit({ type: 'log', stream: 'info', line: deleted.length ? `Deleted: ${deleted.join('; ')}.` : 'Nothing to delete.' });
    return { deleted };
  });

async function deleteImages(context: CloudContext, view: LambdaDeploymentView, decision: DestroyDecision): Promise<string[]> {
  const call = stepCaller(context);
  const repositoryName = decision.repositoryName;
  const deleted = new Set<string>();
  const failed: string[] = [];
  for (let i = 0; i < decision.images.length; i += IMAGES_PER_DELETE) {
    context.emit({ type: 'step', index: 4, name: `Deleting images from ${repositoryName}` });
    const imageIds = decision.images.slice(i, i + IMAGES_PER_DELETE).map((imageDigest) => ({ imageDigest }));
    const answer = await call(`BatchDeleteImage ${repositoryName}`, () => view.clients.ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds })));
    for (const id of answer.imageIds ?? []) if (id.imageDigest) deleted.add(`image ${id.imageDigest}`);
    // An image already gone is what destroy wanted; any other failure keeps the repository.
    for (const f of answer.failures ?? []) if (f.failureCode !== 'ImageNotFound') failed.push(`${f.imageId?.imageDigest ?? '?'}: ${f.failureCode} ${f.failureReason ?? ''}`.trim());
  }
  if (failed.length) {
    throw new SkyliftError({
      code: 'DESTROY_PARTIAL',
      message: `ECR kept ${failed.length} image${failed.length === 1 ? '' : 's'} (${failed.slice(0, 3).join('; ')}), so the repository stays; the rest of the destroy was done.`,
      hint: 'Plan the destroy with images again: it lists what is left.',
    });
  }
  if (decision.deleteRepository) {
    context.emit({ type: 'step', index: 5, name: `Deleting repository ${repositoryName}` });
    await call(`DeleteRepository ${repositoryName}`, () => view.clients.ecr.send(new DeleteRepositoryCommand({ repositoryName })), (error) =>
      awsErrorName(error) === 'RepositoryNotEmptyException'
        ? new SkyliftError({ code: 'DESTROY_PARTIAL', message: `Repository ${repositoryName} received new images during the destroy, so it was kept.`, hint: 'Plan the destroy with images again to see what is in it.' })
        : null,
    );
    deleted.add(`repository ${repositoryName}`);
  }
  return [...deleted];
}
