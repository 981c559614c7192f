import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChannels } from '../../shared/contract';
import type { Core } from '../../main/core/core';
import { createErrorLog } from '../../main/core/log';
import { startStsDouble, type StsDouble } from '../doubles/aws-sts';
import { startAzureDouble, type AzureDouble } from '../doubles/azure';
import { CERT_APP, SECRET_APP, TENANT } from '../doubles/azure-ids';
import { makeClientCertificate } from '../doubles/tls';
import { TEST_BASE_IMAGE, removeImages } from '../helpers/build';
import { testCore } from '../helpers/core';
import { writeProbeProject } from '../helpers/probe-project';
import { startSecretService, type PrivateSecretService } from '../helpers/secret-service';

// Generated values in the providers' formats; not real credentials.
const AWS_SECRET = 'nowhereSecretKey/EXAMPLE+00000000000000001';
const AWS_TOKEN = 'nowhereSessionToken/EXAMPLE+0000000000000001';
const AZURE_SECRET = 'Nw8~nowhere-azure-secret.value-000001';
const APP = SECRET_APP;
const identity = { accessKeyId: 'ASIAEXAMPLENOWHERE01', secretAccessKey: AWS_SECRET, sessionToken: AWS_TOKEN, account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/ml/nowhere', userId: 'AROAEXAMPLE:nowhere' };

/**
 * The promise of the Credentials section: a stored secret is never in a contract response, a
 * persisted job event, the error log or the database — even when a build log prints it.
 */
describe('stored secrets appear nowhere', () => {
  let keyring: PrivateSecretService;
  let sts: StsDouble;
  let azure: AzureDouble;
  let core: Core;
  let home: string;
  let work: string;
  let secrets: string[];
  const responses: string[] = [];

  beforeAll(async () => {
    keyring = await startSecretService();
    const cert = makeClientCertificate('skylift-nowhere');
    secrets = [AWS_SECRET, AWS_TOKEN, AZURE_SECRET, cert.privateKeyPem.split('\n')[1]];
    sts = await startStsDouble([identity]);
    azure = await startAzureDouble({ tenants: [{ id: TENANT, apps: [{ clientId: APP, secret: AZURE_SECRET, subscriptions: [{ id: '11111111-2222-4333-8444-555555555555', name: 'prod' }] }, { clientId: CERT_APP, certificatePem: cert.certificatePem }] }] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-nowhere-home-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-nowhere-work-'));
    core = testCore(home, { ...process.env, DBUS_SESSION_BUS_ADDRESS: keyring.address }, { logError: createErrorLog(home).error });
    const custom = { cloud: 'custom', endpoints: { authorityHost: azure.authorityHost, resourceManager: azure.resourceManager } };
    await call('profiles:add', { kind: 'aws-static', name: 'aws', region: 'eu-west-1', accessKeyId: identity.accessKeyId, secretAccessKey: AWS_SECRET, sessionToken: AWS_TOKEN, endpoints: { sts: sts.url } });
    await call('profiles:add', { kind: 'azure-client-secret', name: 'azure', tenantId: TENANT, clientId: APP, clientSecret: AZURE_SECRET, ...custom });
    await call('profiles:add', { kind: 'azure-client-certificate', name: 'azure-cert', tenantId: TENANT, clientId: CERT_APP, certificatePem: cert.combinedPem, ...custom });
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await sts?.close();
    await azure?.close();
    await keyring?.stop();
    for (const dir of [home, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(channel: string, input: unknown) {
    const envelope = await core.dispatch(channel, input);
    responses.push(`${channel} ${JSON.stringify(envelope)}`);
    return envelope;
  }
  const expectNoSecret = (text: string, where: string) => {
    for (const secret of secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
  };

  it('keeps them in the keychain, tests the profiles with them, and returns none through any call', async () => {
    expect(await call('profiles:storage', {})).toMatchObject({ ok: true, value: { backend: 'keychain', secure: true } });
    const profiles = (await call('profiles:list', {})) as { ok: true; value: Array<{ id: string; name: string }> };
    for (const p of profiles.value) expect(await call('profiles:test', { id: p.id }), p.name).toMatchObject({ ok: true, value: { ok: true } });

    const project = writeProbeProject(path.join(work, 'nowhere'), 'skylift-nowhere');
    const job = (await call('build:start', { dir: project, variant: 'local', baseImage: TEST_BASE_IMAGE })) as { ok: true; value: { id: string } };
    await core.jobs.wait(job.value.id);
    const ids = { profile: profiles.value[0].id, job: job.value.id };
    // One input per call; a call added to the contract fails this test until it is listed here.
    const inputs: Record<string, unknown> = {
      'app:info': {}, 'app:chooseFolder': {}, 'engine:status': {}, 'engine:test': { endpoint: { kind: 'auto' } },
      'settings:get': {}, 'settings:update': {}, 'project:open': { dir: project }, 'project:save': { dir: project, yaml: 'name: [' },
      'project:propose': { dir: project }, 'project:eject': { dir: project, variant: 'local' }, 'samples:list': {}, 'samples:create': { sample: 'nope', dir: work },
      'build:start': { dir: path.join(work, 'missing') }, 'run:start': { dir: project, variant: 'nope' }, 'run:invoke': { jobId: ids.job, payload: '{}' }, 'run:invokeOnce': { dir: project, variant: 'nope', payloadBase64: 'e30=' },
      'run:health': { jobId: ids.job }, 'run:watch': { jobId: ids.job, enabled: true }, 'run:watchStatus': { jobId: ids.job }, 'payloads:list': { dir: project }, 'payloads:save': { dir: project, name: 'p', body: '{}' },
      'bench:start': { dir: project, variant: 'nope' }, 'runs:list': {}, 'runs:get': { runId: 'x' }, 'runs:samples': { runId: 'x' },
      'runs:export': { runId: 'x', format: 'json' }, 'runs:delete': { runId: 'x' },
      'profiles:list': {}, 'profiles:get': { id: ids.profile }, 'profiles:add': { kind: 'aws-static', name: 'aws', region: 'eu-west-1', accessKeyId: identity.accessKeyId, secretAccessKey: AWS_SECRET },
      'profiles:update': { id: ids.profile, profile: { kind: 'aws-static', name: 'aws', region: 'eu-west-1', endpoints: { sts: sts.url } } },
      'profiles:remove': { id: 'missing' }, 'profiles:setDefault': { id: ids.profile }, 'profiles:test': { id: ids.profile },
      'profiles:importPreview': { configFile: path.join(work, 'none'), credentialsFile: path.join(work, 'none') }, 'profiles:import': { names: ['x'], configFile: path.join(work, 'none') },
      'profiles:storage': {}, 'profiles:setFileOptIn': { enabled: true, acknowledgeInsecure: true },
      'jobs:list': {}, 'jobs:get': { jobId: ids.job }, 'jobs:events': { jobId: ids.job }, 'jobs:cancel': { jobId: ids.job },
      'deploy:plan': { dir: project, deployment: 'prod' }, 'deploy:apply': { dir: project, deployment: 'prod', fingerprint: 'f' },
      'deploy:verify': { dir: project, deployment: 'prod' }, 'deploy:rollback': { dir: project, deployment: 'prod' },
      'deploy:destroyPlan': { dir: project, deployment: 'prod' }, 'deploy:destroy': { dir: project, deployment: 'prod', fingerprint: 'f' },
      'deployments:list': { dir: project }, 'deployments:show': { dir: project, name: 'prod' },
      'runs:update': { runId: 'x', name: 'n' }, 'images:list': {}, 'images:delete': { id: 'skylift/no-such-image:local' }, 'images:prune': {}, 'fs:listDirs': { path: `${work}/` },
    };
    expect(allChannels.filter((c) => !(c in inputs))).toEqual([]);
    for (const channel of allChannels) await call(channel, inputs[channel]);
    expectNoSecret(responses.join('\n'), 'a contract response');
  }, 180_000);

  it('scrubs a secret a build log printed from the persisted job events and the job error', async () => {
    const project = writeProbeProject(path.join(work, 'leaky'), 'skylift-leaky');
    const eject = (await call('project:eject', { dir: project, variant: 'local' })) as { ok: true; value: { path: string } };
    // A careless Dockerfile echoes a key the user also stored in Skylift, then fails.
    const ejected = fs.readFileSync(eject.value.path, 'utf8').replace(/^FROM \S+/m, `FROM ${TEST_BASE_IMAGE}`);
    fs.writeFileSync(eject.value.path, ejected);
    fs.appendFileSync(eject.value.path, `\nRUN echo "using ${AWS_SECRET}" && echo "client ${AZURE_SECRET}" && false\n`);
    const job = (await call('build:start', { dir: project, variant: 'local', baseImage: TEST_BASE_IMAGE })) as { ok: true; value: { id: string } };
    const done = await core.jobs.wait(job.value.id);
    expect(done.state).toBe('failed');
    const events = (await call('jobs:events', { jobId: job.value.id })) as { ok: true; value: unknown[] };
    const stored = JSON.stringify(events.value) + JSON.stringify(done);
    expect(stored, stored.slice(-3000)).toContain("[redacted]");
    expectNoSecret(stored, 'a job event');
    await removeImages(['skylift-leaky:local', 'skylift-nowhere:local']);
  }, 180_000);

  it('leaves none in the database, the data folder or the error log', () => {
    // An unexpected error whose message quotes a key (an SDK echoing a request) goes to the log scrubbed.
    const log = createErrorLog(home);
    log.error('call profiles:test', new Error(`request failed: secret=${AWS_SECRET} token ${AZURE_SECRET}`));
    expect(fs.readFileSync(log.file, 'utf8')).toContain('[redacted]');
    for (const entry of fs.readdirSync(home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      expectNoSecret(fs.readFileSync(file, 'latin1'), file);
    }
  });
});
