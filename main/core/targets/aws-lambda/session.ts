import { LambdaVariantSession } from '../../run/lambda-session';
import { lambdaContainerLimits } from '../../run/limits';
import { ensureRunNetwork } from '../../run/network';
import type { LocalSession } from '../target';
import { DEFAULT_LAMBDA } from './limits';

/** One execution environment driven through Lambda's runtime API, with the function's memory (and so CPU share) mirrored. */
export const lambdaSession: LocalSession = {
  publishesHttp: false,
  async open({ docker, config, spec, measureMemory, onLog }) {
    const lambda = { ...DEFAULT_LAMBDA, ...config.targets['aws-lambda'] };
    const info = await docker.info();
    const limits = lambdaContainerLimits(lambda.memoryMb, info.NCPU ?? 1);
    if (limits.note) onLog(`note: ${limits.note}`, 'stderr');
    const network = await ensureRunNetwork(docker);
    return new LambdaVariantSession(
      docker,
      // The function's own variables; Lambda's defined ones are set over them (the schema refuses reserved names).
      { ...spec, env: { ...spec.env, ...lambda.environment }, memoryBytes: limits.memoryBytes, nanoCpus: limits.nanoCpus },
      { network, measureMemory, settings: { functionName: config.name, memoryMb: lambda.memoryMb, timeoutSeconds: lambda.timeoutSeconds } },
      onLog,
    );
  },
};
