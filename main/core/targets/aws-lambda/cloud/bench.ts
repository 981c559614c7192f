import { GetAliasCommand, GetFunctionCommand, type FunctionConfiguration, type GetFunctionCommandOutput } from '@aws-sdk/client-lambda';
import type { LambdaArchitecture } from '../../../../../shared/cloud/lambda-cost';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudBench, CloudContext, CloudOperations } from '../../cloud';
import { COLD_START_MARKER, ColdStarter, pause } from './bench-cold';
import { benchLambdaClient, invokeTimed } from './bench-invoke';
import { openLambdaDeployment, type LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';
import { runCost } from './run-cost';
import { imageConfigDigest } from './image-config';
import { measureRtt, wireOverheadOf } from './wire-overhead';

/**
 * Benches the deployment's live alias through Invoke. Warm requests go to the alias; forced cold
 * starts go to $LATEST, because a published version is immutable and only $LATEST takes the marker
 * variable's change: the bench refuses cold starts unless $LATEST runs the alias's very image and
 * configuration, so the cold numbers are the live version's.
 */
export const benchDeployment: CloudOperations['bench'] = async (context, request) => {
  const view = await openLambdaDeployment(context);
  try {
    const live = await liveVersion(context, view);
    if (request.coldStarts > 0 && live.config.Version !== '$LATEST') await requireLatestLikeLive(context, view, live.config);
    return lambdaBench(context, view, live, await imageConfigDigest(view, context, live.Code?.ResolvedImageUri ?? live.Code?.ImageUri ?? null));
  } catch (error) {
    view.clients.destroy();
    throw error;
  }
};

function lambdaBench(context: CloudContext, view: LambdaDeploymentView, live: GetFunctionCommandOutput & { config: FunctionConfiguration }, imageId: string | null): CloudBench {
  const config = live.config;
  const client = benchLambdaClient({ region: view.region, credentials: view.clients.lambda.config.credentials, endpoint: view.clients.lambdaEndpoint, functionTimeoutSeconds: config.Timeout ?? 3 });
  const cold = new ColdStarter({ lambda: view.clients.lambda, functionName: view.functionName, emit: context.emit });
  const overheads: number[] = [];
  let coldStarts = 0;
  const imageRef = live.Code?.ResolvedImageUri ?? live.Code?.ImageUri ?? null;
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(imageRef ?? '')?.[1] ?? null;
  const version = config.Version ?? '$LATEST';
  return {
    target: { kind: 'cloud', deployment: context.deploymentName, target: 'aws-lambda', functionArn: unqualifiedArn(config.FunctionArn ?? view.functionName, version), version },
    variant: 'aws-lambda',
    imageDigest: digest ? { digest, source: 'repo-digest' } : null,
    imageId,
    imageRef,
    warm: { invoke: async (payload, signal) => (await invokeTimed(client, view.functionName, view.alias, payload, signal, overheads)).result },
    async coldStart(payload, signal) {
      await cold.force(++coldStarts, signal);
      const { result, wireMs } = await invokeTimed(client, view.functionName, '$LATEST', payload, signal, overheads);
      return { result, latencyMs: wireMs ?? 0, cold: result.report?.initDurationMs != null };
    },
    async wireOverhead(signal) {
      return wireOverheadOf(view.clients.lambdaEndpoint, await measureRtt(view.clients.lambdaEndpoint, signal), overheads);
    },
    cost: (samples) =>
      runCost(samples, { memoryMb: config.MemorySize ?? 128, architecture: (config.Architectures?.[0] ?? 'x86_64') as LambdaArchitecture, region: view.region, ephemeralStorageMb: config.EphemeralStorage?.Size ?? 512, ...pricingOf(context) }),
    async close() {
      try {
        await cold.restore();
      } finally {
        client.destroy();
        view.clients.destroy();
      }
    },
  };
}

/** The alias's version and its configuration and image; a deployment never published says how to publish it. */
async function liveVersion(context: CloudContext, view: LambdaDeploymentView): Promise<GetFunctionCommandOutput & { config: FunctionConfiguration }> {
  const options = { emit: context.emit, signal: context.signal };
  try {
    const alias = await callAws(() => view.clients.lambda.send(new GetAliasCommand({ FunctionName: view.functionName, Name: view.alias })), { ...options, step: `GetAlias ${view.functionName}:${view.alias}` });
    const version = alias.FunctionVersion ?? '$LATEST';
    const fn = await untilNotPending(context, view, version);
    if (!fn.Configuration) throw new SkyliftError({ code: 'AWS_UNEXPECTED', message: `GetFunction ${view.functionName}:${version} returned no configuration.` });
    return { ...fn, config: fn.Configuration };
  } catch (error) {
    if (awsErrorFacts(error).name !== 'ResourceNotFoundException') throw error;
    throw new SkyliftError({
      code: 'DEPLOYMENT_NOT_LIVE',
      message: `Deployment ${context.deploymentName} has no live alias: ${view.functionName}:${view.alias} does not exist in ${view.region} (${awsErrorFacts(error).message}).`,
      hint: `Publish it first: skylift deploy ${context.deploymentName}`,
    });
  }
}

/** How long a just-published version may stay Pending before the bench gives up (Lambda: seconds). */
const ACTIVE_DEADLINE_MS = 60_000;

/** The version's function, once it is no longer Pending: a version just published answers Invoke with 409 until then. */
async function untilNotPending(context: CloudContext, view: LambdaDeploymentView, version: string): Promise<GetFunctionCommandOutput> {
  const deadline = Date.now() + ACTIVE_DEADLINE_MS;
  for (;;) {
    const fn = await callAws(() => view.clients.lambda.send(new GetFunctionCommand({ FunctionName: view.functionName, Qualifier: version })), {
      step: `GetFunction ${view.functionName}:${version}`,
      emit: context.emit,
      signal: context.signal,
    });
    if (fn.Configuration?.State !== 'Pending') return fn;
    if (Date.now() > deadline) {
      throw new SkyliftError({
        code: 'CLOUD_NOT_ACTIVE',
        message: `Version ${version} of ${view.functionName} was still Pending after ${ACTIVE_DEADLINE_MS / 1000} s (${fn.Configuration.StateReason ?? 'no reason given'}).`,
        hint: 'Bench again in a minute; if it stays Pending, look at the function in the Lambda console.',
      });
    }
    await pause(250, context.signal);
  }
}

/** What must match for $LATEST's cold starts to stand for the alias's version. */
const SAME = (c: FunctionConfiguration) => {
  const { [COLD_START_MARKER]: _marker, ...variables } = c.Environment?.Variables ?? {};
  return JSON.stringify([c.CodeSha256, c.MemorySize, c.Timeout, c.Architectures, c.EphemeralStorage?.Size, variables]);
};

async function requireLatestLikeLive(context: CloudContext, view: LambdaDeploymentView, live: FunctionConfiguration): Promise<void> {
  const latest = await callAws(() => view.clients.lambda.send(new GetFunctionCommand({ FunctionName: view.functionName, Qualifier: '$LATEST' })), {
    step: `GetFunction ${view.functionName}:$LATEST`,
    emit: context.emit,
    signal: context.signal,
  });
  if (latest.Configuration && SAME(latest.Configuration) === SAME(live)) return;
  throw new SkyliftError({
    code: 'CLOUD_COLD_DRIFT',
    message: `Cold starts are forced on ${view.functionName}:$LATEST, whose code or configuration differs from version ${live.Version ?? '?'} that ${view.alias} points at, so they would not measure the live version.`,
    hint: `Bench with 0 cold starts, or publish again (skylift deploy ${context.deploymentName}) so $LATEST and ${view.alias} match.`,
  });
}

function unqualifiedArn(arn: string, version: string): string {
  return arn.endsWith(`:${version}`) ? arn.slice(0, -(version.length + 1)) : arn;
}

/** The project's own prices (skylift.yaml targets.aws-lambda.pricing), where it sets them. */
const pricingOf = (context: CloudContext) => {
  const pricing = context.config.targets['aws-lambda']?.pricing;
  return pricing ? { pricing } : {};
};
