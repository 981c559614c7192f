import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDeploy } from '../../main/core/targets/aws-lambda/cloud/apply';
import { planDeploy } from '../../main/core/targets/aws-lambda/cloud/plan';
import { buildProbeImage, PROBE_IMAGE } from '../helpers/lambda-probe';
import { type PublishHarness, startPublishHarness } from './lambda-publish-harness';

/** A first push gzips the probe's ≈170 MB base in the engine: minutes on a busy two-core machine. */
const FIRST_PUBLISH_MS = 400_000;
let h: PublishHarness;

beforeAll(async () => {
  buildProbeImage();
  h = await startPublishHarness('publish-probe', { stateDelayMs: 300, updateDelayMs: 300 }, { runInvokes: true });
  await h.useImage(PROBE_IMAGE);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('publishing a real Lambda image (the probe runtime) and invoking what was published', () => {
  it('plan → apply → the alias answers from the pushed digest', async () => {
    const plan = await planDeploy(h.context({}), { role: { mode: 'create' } });
    expect(plan.push.layers).toBeGreaterThan(1);
    const result = await applyDeploy(h.context({}), { role: { mode: 'create' }, fingerprint: plan.fingerprint });
    expect(result).toMatchObject({ version: '1', alias: 'live' });
    const lambda = new LambdaClient({ region: 'us-east-1', endpoint: h.lambda.url, credentials: { accessKeyId: h.doubles.key.accessKeyId, secretAccessKey: h.doubles.key.secretAccessKey }, maxAttempts: 1 });
    const answer = await lambda.send(new InvokeCommand({ FunctionName: 'publish-probe', Qualifier: 'live', Payload: Buffer.from('{"n":7}') }));
    expect(answer.FunctionError).toBeUndefined();
    expect(answer.ExecutedVersion).toBe('1');
    expect(JSON.parse(Buffer.from(answer.Payload!).toString())).toEqual({ echo: { n: 7 } });
    // The engine ran the pushed digest: the runner pulled it from the registry.
    expect((await h.docker.getImage(result.imageUri).inspect()).Id).toBe(plan.imageId);
    await h.docker.getImage(result.imageUri).remove({ noprune: true }).catch(() => undefined);
    expect((await planDeploy(h.context({}), {})).changes).toBe(false);
  }, FIRST_PUBLISH_MS);
});
