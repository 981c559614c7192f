import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { VariantContainerSpec } from '../../main/core/run/container';
import { InvokeApiServer } from '../../main/core/run/lambda/invoke-api/invoke-api-server';
import { LambdaVariantSession } from '../../main/core/run/lambda-session';
import { ensureRunNetwork } from '../../main/core/run/network';
import { docker, TEST_BASE_IMAGE } from './build';

/** A bare custom runtime (test/fixtures/lambda-invoke-probe) that logs, fails and sleeps on request. */
export const INVOKE_PROBE_IMAGE = 'skylift-test/lambda-invoke-probe:latest';
export const INVOKE_PROBE_FUNCTION = 'invoke-probe';

export function buildInvokeProbeImage(): void {
  const context = path.resolve('test/fixtures/lambda-invoke-probe');
  execFileSync('docker', ['build', '-q', '--build-arg', `BASE=${TEST_BASE_IMAGE}`, '-t', INVOKE_PROBE_IMAGE, context], { stdio: 'pipe' });
}

export interface InvokeApiProbe {
  session: LambdaVariantSession;
  api: InvokeApiServer;
  /** What the run's log got (Event outcomes). */
  runLog: string[];
  stop(): Promise<void>;
}

/** A Lambda session over the probe image with its Invoke API, wired as the run job wires them. */
export async function startInvokeApiProbe(timeoutSeconds = 10): Promise<InvokeApiProbe> {
  const spec: VariantContainerSpec = {
    image: INVOKE_PROBE_IMAGE,
    variant: 'aws-lambda',
    project: INVOKE_PROBE_FUNCTION,
    jobId: `invoke-api-${process.pid}-${Date.now()}`,
    instance: 'test',
    env: {},
    gpu: false,
    publishHttp: false,
    memoryBytes: 256 * 1024 * 1024,
  };
  const settings = { functionName: INVOKE_PROBE_FUNCTION, memoryMb: 256, timeoutSeconds };
  const network = await ensureRunNetwork(docker);
  const runLog: string[] = [];
  const session = new LambdaVariantSession(docker, spec, { network, settings, measureMemory: false }, () => undefined);
  await session.start();
  const api = new InvokeApiServer({ settings: session.settings, environments: [session], log: (line) => runLog.push(line) });
  await api.start();
  return {
    session,
    api,
    runLog,
    stop: async () => {
      await session.stop();
      await api.close();
    },
  };
}
