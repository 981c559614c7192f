import type { DeployPlan } from '../../../../../shared/contract/deploy';
import type { CloudContext, CloudOperations } from '../../cloud';
import { planFingerprint } from './fingerprint';
import { decide, type Intent } from './intent';
import { openLambdaDeployment, skyliftRoleName, type LambdaDeploymentView } from './lambda-context';
import { observe, type RoleRequest } from './observe';
import { roleArnOf } from './observe-role';
import { planLines } from './plan-lines';
import type { Observed, WantedShape } from './shape';
import { architectureWarning, wantedShape } from './wanted';

/** A plan with what it was made from: apply decides from the same facts it fingerprinted. */
export interface MadePlan {
  plan: DeployPlan;
  observed: Observed;
  wanted: WantedShape;
  intent: Intent;
}

const EMPTY_IMAGE_ID = `sha256:${'0'.repeat(64)}`;

/** Observes the cloud and the local image and says what publishing would change. Changes nothing. */
export async function makePlan(view: LambdaDeploymentView, context: CloudContext, role: RoleRequest): Promise<MadePlan> {
  const observed = await observe(view, context, role);
  const wanted = wantedShape(context.config, observed.image?.architecture ?? null, roleArnOf(observed.role));
  const intent = decide(observed, wanted);
  const plan: DeployPlan = {
    dir: context.projectDir,
    deployment: context.deploymentName,
    target: 'aws-lambda',
    profile: view.profile.name,
    account: observed.account,
    region: view.region,
    functionName: view.functionName,
    alias: view.alias,
    // No image built: the plan is still shown (with a warning) and apply refuses.
    imageId: observed.image?.id ?? EMPTY_IMAGE_ID,
    fingerprint: planFingerprint(observed, wanted),
    lines: planLines(observed, wanted, intent, view),
    push: pushEstimate(observed),
    changes: intent.changes,
    roleNeeded: observed.role.kind === 'needed' ? { createName: observed.role.name } : null,
    warnings: warnings(context, observed),
    observedAt: new Date().toISOString(),
  };
  return { plan, observed, wanted, intent };
}

function pushEstimate(observed: Observed): DeployPlan['push'] {
  const image = observed.image;
  if (!image) return { layers: 0, layersToPush: 0, bytesToPush: 0, alreadyPushed: false };
  const alreadyPushed = image.pushedDigest !== null;
  return { layers: image.layers, layersToPush: alreadyPushed ? 0 : image.layers, bytesToPush: alreadyPushed ? 0 : image.bytes, alreadyPushed };
}

function warnings(context: CloudContext, observed: Observed): string[] {
  const list: string[] = [];
  if (!observed.image) list.push(`No aws-lambda image is built for this project: build it first: skylift build ${context.projectDir} --variant aws-lambda.`);
  const arch = architectureWarning(context.config, observed.image);
  if (arch) list.push(arch);
  if (observed.role.kind === 'needed') {
    list.push(
      `The function needs an execution role. Either name one in the deployment (role: arn:aws:iam::ACCOUNT:role/NAME in skylift.yaml), or agree to let Skylift create ${skyliftRoleName(context)} (trusts lambda.amazonaws.com, with AWSLambdaBasicExecutionRole).`,
    );
  }
  const missing = missingRoleMessage(observed);
  if (missing) list.push(missing);
  const zip = notAnImageFunction(observed, context);
  if (zip) list.push(zip);
  if (observed.fn && observed.fn.lastUpdateStatus === 'Failed') list.push(`The function's last update failed; publishing replaces its code and configuration.`);
  return list;
}

/** A .zip function of the same name: publishing an image to it is impossible, whatever the plan says. */
export function notAnImageFunction(observed: Observed, context: CloudContext): string | null {
  if (!observed.fn || observed.fn.packageType === 'Image') return null;
  return `The function ${observed.fn.arn} is a ${observed.fn.packageType} function; Lambda cannot turn it into a container-image function. Name another function (function: in the deployment ${context.deploymentName}) or delete that one.`;
}

/** A role given by ARN that IAM says is not there: Lambda would only answer "cannot be assumed". */
export function missingRoleMessage(observed: Observed): string | null {
  const role = observed.role;
  if (role.kind !== 'given' || role.exists !== false) return null;
  const where = role.source === 'deployment' ? "the deployment's role: in skylift.yaml" : 'the role chosen for this publish';
  return `The role ${role.arn} (${where}) does not exist in account ${observed.account}: create it, or name another role.`;
}

export const planDeploy: CloudOperations['plan'] = async (context, request) => {
  const view = await openLambdaDeployment(context);
  try {
    return (await makePlan(view, context, request.role)).plan;
  } finally {
    view.clients.destroy();
  }
};
