import type { DeployResult } from '../../../../../shared/contract/deploy';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext, CloudOperations } from '../../cloud';
import { createFunction, publishVersion, pointAlias, updateFunction } from './function-steps';
import { openLambdaDeployment, type LambdaDeploymentView } from './lambda-context';
import { makePlan, missingRoleMessage, notAnImageFunction, type MadePlan } from './plan';
import { pushAndCheck, ensureRepository } from './push-step';
import { createExecutionRole } from './role';
import { imageText } from './plan-lines';
import { waitUntilSettled } from './waiters';

const STEPS = ['Check the plan', 'Repository', 'Role', 'Push the image', 'Function', 'Version', 'Alias', 'Record the release'] as const;

/** The unqualified function ARN (what the deployments store keeps). */
const unqualified = (arn: string) => arn.split(':').slice(0, 7).join(':');

/**
 * Applies the plan the user read: observes again and refuses when the cloud changed, then
 * repository → role → push → function → version → alias → record, each a job step. Cancel stops
 * between AWS calls; whatever was done is what the next plan observes.
 */
export const applyDeploy: CloudOperations['apply'] = async (context, request) => {
  const view = await openLambdaDeployment(context);
  try {
    const step = (name: (typeof STEPS)[number]) => context.emit({ type: 'step', index: STEPS.indexOf(name) + 1, total: STEPS.length, name });
    step('Check the plan');
    const made = await makePlan(view, context, request.role);
    if (made.plan.fingerprint !== request.fingerprint) {
      throw new SkyliftError({
        code: 'PLAN_STALE',
        message: `The cloud changed since the plan for ${context.deploymentName} was made (function, alias, versions, repository, role or the built image); nothing was changed.`,
        hint: 'Plan again, read what it says now, and publish that plan.',
      });
    }
    refuseUnready(context, made);
    if (!made.intent.changes) return unchanged(view, context, made);
    return await applyChanges(view, context, made, step);
  } finally {
    view.clients.destroy();
  }
};

function refuseUnready(context: CloudContext, { observed }: MadePlan): void {
  if (!observed.image) {
    throw new SkyliftError({ code: 'IMAGE_NOT_BUILT', message: `No aws-lambda image is built for ${context.config.name}.`, hint: `Build it first: skylift build ${context.projectDir} --variant aws-lambda` });
  }
  if (!observed.image.architecture) {
    throw new SkyliftError({ code: 'IMAGE_ARCHITECTURE_UNSUPPORTED', message: `The built image is for ${observed.image.engineArchitecture}; Lambda runs x86_64 and arm64 images only.`, hint: `Rebuild it for linux/amd64 or linux/arm64: skylift build ${context.projectDir} --variant aws-lambda` });
  }
  const zip = notAnImageFunction(observed, context);
  if (zip) throw new SkyliftError({ code: 'FUNCTION_NOT_IMAGE', message: zip, hint: 'Set function: to a new name in the deployment in skylift.yaml, then plan again.' });
  const missing = missingRoleMessage(observed);
  if (missing) throw new SkyliftError({ code: 'ROLE_MISSING', message: missing, hint: 'Fix the role ARN (role: in the deployment), or remove it and agree to let Skylift create one; then plan again.' });
  if (observed.role.kind === 'needed') {
    throw new SkyliftError({
      code: 'ROLE_NEEDED',
      message: `The function ${context.deploymentName} publishes to needs an execution role, and none is given.`,
      hint: `Name one in the deployment (role: arn:aws:iam::ACCOUNT:role/NAME in skylift.yaml), or agree in the plan to create ${observed.role.name}.`,
    });
  }
}

async function applyChanges(view: LambdaDeploymentView, context: CloudContext, made: MadePlan, step: (name: (typeof STEPS)[number]) => void): Promise<DeployResult> {
  const { observed, wanted, intent } = made;
  const image = observed.image!;
  const architecture = image.architecture!;
  step('Repository');
  const repositoryUri = observed.repository.uri ?? (await ensureRepository(view, context, observed.repository.name));
  step('Role');
  let roleArn = intent.roleArn!;
  if (intent.createRole && observed.role.kind === 'create') roleArn = await createExecutionRole(view, context, observed.role.name, observed.role.arn);
  const wantedNow = { ...wanted, role: roleArn, architecture };
  step('Push the image');
  const { digest, imageUri } = await pushAndCheck(view, context, image, repositoryUri, architecture);
  step('Function');
  const latest =
    intent.fn === 'create'
      ? await createFunction(view, context, imageUri, wantedNow)
      : intent.fn === 'update'
        ? await updateFunction(view, context, observed, intent, imageUri, wantedNow)
        : await waitUntilSettled(view, context, 'the last update');
  step('Version');
  const version = intent.reuseVersion ?? (await publishVersion(view, context, latest));
  step('Alias');
  if (observed.alias?.version !== version) await pointAlias(view, context, observed, version);
  step('Record the release');
  const functionArn = unqualified(latest.FunctionArn ?? observed.fn?.arn ?? '');
  record(context, view, made, { functionArn, version, imageDigest: digest });
  return { deployment: context.deploymentName, functionArn, version, alias: view.alias, imageUri, imageDigest: digest, previousVersion: observed.alias?.version ?? null, roleArn, unchanged: false };
}

/** The plan was already live: nothing is called; the store is brought up to date if it lags. */
function unchanged(view: LambdaDeploymentView, context: CloudContext, made: MadePlan): DeployResult {
  const { observed } = made;
  const fn = observed.fn!;
  const version = observed.alias!.version;
  const digest = observed.image!.pushedDigest!;
  const functionArn = unqualified(fn.arn);
  const live = context.store.live(context.projectDir, context.deploymentName);
  if (!live || live.version !== version || live.imageDigest !== digest || live.functionArn !== functionArn) record(context, view, made, { functionArn, version, imageDigest: digest });
  context.emit({ type: 'log', stream: 'info', line: `Nothing to change: alias ${view.alias} already serves version ${version} (${imageText(observed)})` });
  return { deployment: context.deploymentName, functionArn, version, alias: view.alias, imageUri: imageText(observed), imageDigest: digest, previousVersion: version, roleArn: fn.shape.role ?? '', unchanged: true };
}

function record(context: CloudContext, view: LambdaDeploymentView, made: MadePlan, release: { functionArn: string; version: string; imageDigest: string }): void {
  context.store.record({
    projectDir: context.projectDir,
    name: context.deploymentName,
    target: 'aws-lambda',
    ...release,
    alias: view.alias,
    profileId: view.profile.id,
    // JSON round trip: the store keeps plain JSON (no undefined members).
    plan: JSON.parse(JSON.stringify({ fingerprint: made.plan.fingerprint, lines: made.plan.lines, push: made.plan.push, warnings: made.plan.warnings })),
    deployedAt: new Date().toISOString(),
  });
}
