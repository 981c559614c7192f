import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LambdaVariantSession } from '../../main/core/run/lambda-session';
import { ensureRunNetwork } from '../../main/core/run/network';
import { docker } from '../helpers/build';

/**
 * AWS's own Node.js runtime interface client (npm aws-lambda-ric 4.0.2), unchanged, in a
 * container Skylift runs as a Lambda execution environment. It refuses to start without `_HANDLER`
 * and reads the log group and stream for every invocation's context, which Skylift did not set.
 */
describe("AWS's runtime interface client under Skylift (real engine)", () => {
  let image = '';
  const open: LambdaVariantSession[] = [];
  // The first build compiles curl and aws-lambda-cpp (minutes); later runs use the cached image.
  beforeAll(() => {
    image = execFileSync('bash', ['test/env/aws-lambda-ric-image.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }, 900_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.stop()));
  });

  async function start(): Promise<LambdaVariantSession> {
    const network = await ensureRunNetwork(docker);
    const spec = { image, variant: 'aws-lambda' as const, project: 'aws-ric', jobId: `aws-ric-${process.pid}-${Date.now()}`, instance: 'test', env: {}, gpu: false, publishHttp: false, memoryBytes: 512 * 1024 * 1024 };
    const session = new LambdaVariantSession(docker, spec, { network, settings: { functionName: 'ric-probe', memoryMb: 512, timeoutSeconds: 10 }, measureMemory: false }, () => undefined);
    open.push(session);
    await session.start();
    return session;
  }

  it('starts, serves invocations with the context Lambda would give, and reports a handler error as Lambda does', async () => {
    const session = await start();
    const first = await session.invoke(Buffer.from('{"x":[1,2]}'));
    expect(first, first.body.toString()).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(first.body.toString())).toMatchObject({
      echo: { x: [1, 2] },
      functionName: 'ric-probe',
      logStreamName: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      remainingMs: expect.any(Number),
      handler: 'index.handler',
    });
    expect(first.report).toMatch(/Init Duration/);

    const failed = await session.invoke(Buffer.from('{"fail":"petal width must be positive"}'));
    expect(failed).toMatchObject({ ok: false, status: 'Unhandled', functionError: 'TypeError' });
    expect(JSON.parse(failed.body.toString())).toMatchObject({ errorType: 'TypeError', errorMessage: 'petal width must be positive' });

    expect((await session.invoke(Buffer.from('{"again":true}'))).ok).toBe(true);
  }, 60_000);
});
