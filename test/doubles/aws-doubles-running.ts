import Dockerode from 'dockerode';
import { type AwsDoubles, lambdaOptions, startAwsDoubles } from './aws-doubles';
import { type LambdaDouble, type LambdaDoubleOptions, startLambdaDouble } from './aws-lambda';
import { type DockerLambdaRunner, dockerLambdaRunner } from './aws-lambda-docker-runner';
import { pullFromRegistry } from './registry-pull';

export interface RunningDoubles {
  doubles: AwsDoubles;
  /** The Lambda double itself (storms, held-back roles). */
  lambda: LambdaDouble;
  /** Stops the runner's environments, then every double. */
  close(): Promise<void>;
}

/**
 * The AWS doubles as a publish meets them end to end: Lambda's Invoke pulls the pushed digest from
 * the registry double and runs it in the engine. Role propagation is off unless asked for, since
 * a test that holds a role back does it itself (so it never races a push's duration).
 */
export async function startRunningDoubles(lambda: Partial<LambdaDoubleOptions> = {}, docker = new Dockerode()): Promise<RunningDoubles> {
  let runner: DockerLambdaRunner | undefined;
  let double!: LambdaDouble;
  const doubles = await startAwsDoubles({
    startLambda: async (deps) => {
      runner = dockerLambdaRunner(docker, { locateImage: pullFromRegistry(docker, deps.registry) });
      double = await startLambdaDouble({ ...lambdaOptions(deps), rolePropagationMs: 0, stateDelayMs: 100, updateDelayMs: 100, ...lambda, invoke: runner.invoke });
      return double;
    },
  });
  return {
    doubles,
    lambda: double,
    async close() {
      await runner?.close();
      await doubles.close();
    },
  };
}
