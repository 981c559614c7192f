import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { VariantContainerSpec } from '../../main/core/run/container';
import { LambdaVariantSession } from '../../main/core/run/lambda-session';
import type { LambdaFunctionSettings } from '../../main/core/run/lambda/types';
import { ensureRunNetwork } from '../../main/core/run/network';
import { docker, TEST_BASE_IMAGE } from './build';

/** A bare custom runtime (test/fixtures/lambda-probe) in an image over the local test base. */
export const PROBE_IMAGE = 'skylift-test/lambda-probe:latest';

/** Builds the probe image; quick after the first time (two small layers over the base). */
export function buildProbeImage(): void {
  const context = path.resolve('test/fixtures/lambda-probe');
  execFileSync('docker', ['build', '-q', '--build-arg', `BASE=${TEST_BASE_IMAGE}`, '-t', PROBE_IMAGE, context], { stdio: 'pipe' });
}

export interface ProbeSession {
  session: LambdaVariantSession;
  logs: string[];
}

/** A Lambda session over the probe image, the way Skylift runs a built aws-lambda variant. */
export async function probeSession(options: { env?: Record<string, string>; settings?: Partial<LambdaFunctionSettings>; initTimeoutMs?: number; measureMemory?: boolean } = {}): Promise<ProbeSession> {
  const spec: VariantContainerSpec = {
    image: PROBE_IMAGE,
    variant: 'aws-lambda',
    project: 'lambda-probe',
    jobId: `probe-${process.pid}-${Date.now()}`,
    instance: 'test',
    env: options.env ?? {},
    gpu: false,
    publishHttp: false,
    memoryBytes: 512 * 1024 * 1024,
  };
  const settings = { functionName: 'lambda-probe', memoryMb: 512, timeoutSeconds: 10, ...options.settings };
  const logs: string[] = [];
  const network = await ensureRunNetwork(docker);
  const session = new LambdaVariantSession(docker, spec, { network, settings, measureMemory: options.measureMemory ?? false, initTimeoutMs: options.initTimeoutMs }, (line) => logs.push(line));
  await session.start();
  return { session, logs };
}
