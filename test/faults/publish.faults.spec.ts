import { GetFunctionCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEventInput } from '../../shared/contract/jobs';
import { applyDeploy } from '../../main/core/targets/aws-lambda/cloud/apply';
import { openLambdaDeployment } from '../../main/core/targets/aws-lambda/cloud/lambda-context';
import { pushAndCheck } from '../../main/core/targets/aws-lambda/cloud/push-step';
import { makePlan, planDeploy } from '../../main/core/targets/aws-lambda/cloud/plan';
import { logLines, type PublishHarness, startPublishHarness } from '../integration/lambda-publish-harness';
import { check, expectHandled, probeFault, withinDeadline } from './fault-log';

const AREA = 'publish';
/** The engine retries a layer for ≈ 50 s before it gives up on a registry that went away. */
const REGISTRY_DOWN_MS = 150_000;
const within = withinDeadline(60_000);
let h: PublishHarness;
const client = () => new LambdaClient({ region: 'us-east-1', endpoint: h.lambda.url, credentials: { accessKeyId: h.doubles.key.accessKeyId, secretAccessKey: h.doubles.key.secretAccessKey }, maxAttempts: 1 });
const changed = (plan: Awaited<ReturnType<typeof planDeploy>>) => plan.lines.filter((l) => l.action !== 'keep').map((l) => `${l.action} ${l.subject}`);
const publish = async (deployment = 'prod', events: JobEventInput[] = []) => {
  const plan = await planDeploy(h.context({ deployment }), { role: { mode: 'create' } });
  return applyDeploy(h.context({ deployment, events }), { role: { mode: 'create' }, fingerprint: plan.fingerprint });
};

beforeAll(async () => {
  // Updates take 2 s, so an update started by someone else is still in progress when publish starts its own.
  h = await startPublishHarness('publish-faults', { stateDelayMs: 300, updateDelayMs: 2_000 });
  h.setYaml((yaml) => `${yaml}  canary: { target: aws-lambda, profile: doubles, region: us-east-1, function: publish-faults-canary, alias: live }\n`);
  await h.buildImage(256 * 1024);
  await publish();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('publishing under faults', () => {
  it('an update already in progress (409 ResourceConflictException) is waited out, visibly, never failed on', async () => {
    const record = await probeFault(AREA, '409 update in progress', async () => {
      await client().send(new UpdateFunctionConfigurationCommand({ FunctionName: 'publish-faults', Description: 'someone else' }));
      h.setYaml((yaml) => yaml.replace('timeoutSeconds: 3', 'timeoutSeconds: 5'));
      const plan = await planDeploy(h.context({}), {});
      const events: JobEventInput[] = [];
      const result = await within('apply during an update', applyDeploy(h.context({ events }), { fingerprint: plan.fingerprint }));
      check(result.version === '2', `published version ${result.version}, expected 2`);
      check(logLines(events).some((l) => /UpdateFunctionConfiguration publish-faults \(timeoutSeconds\): another update to the function is still in progress \(ResourceConflictException 409\); retrying/.test(l)), 'the 409 retry was not shown');
    });
    expectHandled(record);
  }, 90_000);

  it('cancelled right after CreateFunction: the next plan shows the function kept, version and alias still to do, and finishes them', async () => {
    const record = await probeFault(AREA, 'cancel after CreateFunction', async () => {
      const plan = await planDeploy(h.context({ deployment: 'canary' }), { role: { mode: 'create' } });
      const controller = new AbortController();
      const context = h.context({ deployment: 'canary', signal: controller.signal });
      context.emit = (event) => {
        if (event.type === 'log' && event.line.startsWith('Created function')) controller.abort(new Error('cancelled by the user'));
      };
      const outcome = await within('cancelled apply', applyDeploy(context, { role: { mode: 'create' }, fingerprint: plan.fingerprint }).then(() => null, (e: Error) => e));
      check(outcome?.message === 'cancelled by the user', `apply did not stop at the cancel: ${outcome?.message ?? 'it completed'}`);
      check(h.store.live(h.dir, 'canary') === null, 'a cancelled publish was recorded as live');
      const next = await planDeploy(h.context({ deployment: 'canary' }), { role: { mode: 'create' } });
      check(JSON.stringify(changed(next)) === JSON.stringify(['publish version', 'create alias live']), `the next plan says ${JSON.stringify(changed(next))}`);
      const result = await within('apply after cancel', applyDeploy(h.context({ deployment: 'canary' }), { role: { mode: 'create' }, fingerprint: next.fingerprint }));
      check(result.version === '1' && h.store.live(h.dir, 'canary')?.version === '1', `finished as version ${result.version}`);
    });
    expectHandled(record);
  }, 90_000);

  it('cancelled mid-push: stops at once, leaves no tag, changes no function, and the next plan still shows the push', async () => {
    const record = await probeFault(AREA, 'cancel mid-push', async () => {
      await h.buildImage(32 * 1024 * 1024);
      const plan = await planDeploy(h.context({}), {});
      const requests = h.lambda.requests.length;
      const controller = new AbortController();
      const context = h.context({ signal: controller.signal });
      context.emit = (event) => {
        if (event.type === 'log' && /: uploading$/.test(event.line)) controller.abort(new Error('cancelled by the user'));
      };
      const started = Date.now();
      const outcome = await within('cancelled push', applyDeploy(context, { fingerprint: plan.fingerprint }).then(() => null, (e: Error) => e));
      check(outcome?.message === 'cancelled by the user', `apply did not stop at the cancel: ${outcome?.message ?? 'it completed'}`);
      check(Date.now() - started < 20_000, `the cancel took ${Date.now() - started} ms`);
      const tags = (await h.docker.listImages()).flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith(`${h.doubles.registry.host}/`));
      check(tags.length === 0, `push tags left behind: ${tags.join(', ')}`);
      const writes = h.lambda.requests.slice(requests).filter((r) => r.operation && !/^(Get|List)/.test(r.operation));
      check(writes.length === 0, `Lambda was changed: ${JSON.stringify(writes)}`);
      const next = await planDeploy(h.context({}), {});
      check(!next.push.alreadyPushed && changed(next).includes('push image layers') && changed(next).includes('update image'), `the next plan says ${JSON.stringify(changed(next))}`);
    });
    expectHandled(record);
  }, 90_000);

  it('the registry goes down mid-push: a clear error, the function untouched, and the next plan still shows the push and the update', async () => {
    const record = await probeFault(AREA, 'registry down mid-push', async () => {
      const before = await client().send(new GetFunctionCommand({ FunctionName: 'publish-faults', Qualifier: 'live' }));
      await h.buildImage(48 * 1024 * 1024);
      const plan = await planDeploy(h.context({}), {});
      const context = h.context({});
      let stopping: Promise<void> | null = null;
      context.emit = (event) => {
        if (!stopping && event.type === 'log' && /: uploading$/.test(event.line)) stopping = h.doubles.registry.stop();
      };
      const outcome = await within('apply with the registry down', applyDeploy(context, { fingerprint: plan.fingerprint }).then(() => null, (e: { code?: string; message?: string; hint?: string }) => e), REGISTRY_DOWN_MS);
      await stopping;
      check(stopping !== null, 'the push never started uploading');
      check(/^PUSH_(REGISTRY_UNREACHABLE|STALLED)$/.test(outcome?.code ?? ''), `wrong cause: ${outcome?.code} ${outcome?.message}`);
      check(Boolean(outcome?.hint), 'no way out given');
      await h.doubles.registry.restart();
      const after = await client().send(new GetFunctionCommand({ FunctionName: 'publish-faults', Qualifier: 'live' }));
      check(after.Code?.ImageUri === before.Code?.ImageUri && after.Configuration?.Version === before.Configuration?.Version, 'the function changed after a failed push');
      const next = await planDeploy(h.context({}), {});
      const lines = changed(next);
      check(['push image layers', 'update image', 'publish version', 'move alias live'].every((l) => lines.includes(l)) && !next.push.alreadyPushed, `the next plan says ${JSON.stringify(lines)}`);
    });
    expectHandled(record);
  }, REGISTRY_DOWN_MS + 60_000);

  it('an index manifest in the repository is refused before Lambda is asked (media type not supported)', async () => {
    const record = await probeFault(AREA, 'index manifest', async () => {
      const live = h.store.live(h.dir, 'prod')!;
      const manifest = (await h.doubles.registry.manifest('publish-faults', live.imageDigest))!;
      const indexDigest = await h.doubles.registry.putIndex('publish-faults', 'attested', [manifest]);
      const context = h.context({});
      const view = await openLambdaDeployment(context);
      const requests = h.lambda.requests.length;
      try {
        const { observed } = await makePlan(view, context, undefined);
        const outcome = await pushAndCheck(view, context, { ...observed.image!, pushedDigest: indexDigest }, observed.repository.uri!, 'x86_64').then(() => null, (e: { code?: string; message?: string }) => e);
        check(outcome?.code === 'MANIFEST_MEDIA_TYPE_UNSUPPORTED' && /media type not supported/.test(outcome.message ?? ''), `not refused as Lambda would: ${outcome?.code}`);
        const writes = h.lambda.requests.slice(requests).filter((r) => r.operation && !/^(Get|List)/.test(r.operation));
        check(writes.length === 0, `Lambda was asked: ${JSON.stringify(writes)}`);
      } finally {
        view.clients.destroy();
      }
    });
    expectHandled(record);
  }, 60_000);
});
