import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { targetModule } from '../../main/core/targets/registry';
import type { VariantSession } from '../../main/core/run/variant-session';
import { projectConfigSchema } from '../../shared/project/schema';
import { docker } from '../helpers/build';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';

/** The aws-lambda module's local session on the real engine, over the bare probe runtime (answers its environment). */
describe('aws-lambda target: local session', () => {
  const open: VariantSession[] = [];
  beforeAll(() => buildProbeImage(), 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.stop()));
  });

  it('gives the function its skylift.yaml environment, under the variables Lambda defines, with its memory', async () => {
    const config = projectConfigSchema.parse({
      name: 'env-probe',
      python: '3.11',
      framework: { name: 'none' },
      model: 'model:M',
      targets: { 'aws-lambda': { memoryMb: 256, environment: { MODEL_THREADS: '3', GREETING: 'hello world' } } },
    });
    const session = await targetModule('aws-lambda').session.open({
      docker,
      config,
      spec: { image: PROBE_IMAGE, variant: 'aws-lambda', project: config.name, jobId: `t-${process.pid}-${Date.now()}`, instance: 'test', env: {}, gpu: false, publishHttp: false },
      measureMemory: false,
      startupTimeoutMs: 30_000,
      onLog: () => {},
    });
    open.push(session);
    await session.start(new AbortController().signal);
    const answer = await session.invoke(Buffer.from(JSON.stringify({ env: true })));
    expect(answer.ok).toBe(true);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
      MODEL_THREADS: '3',
      GREETING: 'hello world',
      AWS_LAMBDA_FUNCTION_NAME: 'env-probe',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    });
  }, 120_000);
});
