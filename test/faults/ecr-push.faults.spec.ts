import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPushedManifest } from '../../main/core/targets/aws-lambda/publish/manifest-check';
import { pushImage } from '../../main/core/targets/aws-lambda/publish/push-image';
import { pushLineSplitter, PushProgressTracker } from '../../main/core/targets/aws-lambda/publish/push-progress';
import { startRegistry, type RegistryDouble } from '../doubles/registry';
import { pushTinyImage, runDocker } from '../doubles/registry-push';
import { docker, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { appendFaultRecords, probeFault, type FaultRecord } from './fault-log';

const AREA = 'ecr-push';
/** Generous: only proves "no hang"; the stall deadline under test is 10 s, the engine gives up after ≈ 50 s. */
const NO_HANG_MS = 90_000;
const image = `skylift-it/push-faults-${process.pid}:v1`;
const registries: RegistryDouble[] = [];
let workDir: string;

const fresh = async () => {
  const registry = await startRegistry();
  registries.push(registry);
  return registry;
};
const credentials = (r: RegistryDouble) => ({ host: r.host, username: r.username, password: r.password });

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-push-faults-'));
  fs.writeFileSync(path.join(workDir, 'Dockerfile'), `FROM ${TEST_BASE_IMAGE}\nCOPY app.py /app/app.py\n`);
  fs.writeFileSync(path.join(workDir, 'app.py'), `MODEL = "${randomBytes(1000).toString('hex')}"\n`);
  await runDocker(['build', '-q', '-t', image, workDir], process.env);
}, 180_000);

afterAll(async () => {
  for (const registry of registries) await registry.close();
  await removeImages([image]);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('ECR push under faults', () => {
  it('the registry goes down mid-push: a clear error within the deadline, nothing left tagged', async () => {
    const registry = await fresh();
    const record = await probeFault(AREA, 'registry down mid-push', async () => {
      let stopping: Promise<void> | null = null;
      const started = Date.now();
      const outcome = await pushImage({
        docker, image, registry: credentials(registry), repository: 'down', tag: 'v1', stallMs: 10_000,
        onProgress: (s) => { if (s.bytesPushed > 0 && !stopping) stopping = registry.stop(); },
      }).then(() => null, (e: unknown) => e as { code?: string; hint?: string });
      await stopping;
      if (Date.now() - started > NO_HANG_MS) throw new Error(`the push took ${Date.now() - started} ms to fail`);
      if (!outcome) throw new Error('the push claimed success with the registry down');
      if (!/^PUSH_(STALLED|REGISTRY_UNREACHABLE)$/.test(outcome.code ?? '') || !outcome.hint) throw new Error(`wrong cause: ${outcome.code}`);
      if (await docker.getImage(`${registry.host}/down:v1`).inspect().then(() => true, () => false)) throw new Error('the registry tag was left behind');
    });
    expect(record).toMatchObject({ outcome: 'handled' });
  }, NO_HANG_MS + 30_000);

  it('an index manifest (buildx provenance) is refused before Lambda sees it', async () => {
    const registry = await fresh();
    const record = await probeFault(AREA, 'index manifest', async () => {
      const pushed = await pushTinyImage({ ...credentials(registry), repository: 'attested', tag: 'v1' });
      const manifest = (await registry.manifest('attested', pushed.digest))!;
      const put = await fetch(`${registry.url}/v2/attested/manifests/with-provenance`, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.oci.image.index.v1+json', authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` },
        body: JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.body.length }] }),
      });
      if (put.status !== 201) throw new Error(`could not store the index: ${put.status}`);
      const outcome = await checkPushedManifest({ registry: credentials(registry), repository: 'attested', digest: put.headers.get('docker-content-digest')! }).then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
      if (outcome?.code !== 'MANIFEST_MEDIA_TYPE_UNSUPPORTED' || !/media type not supported/.test(outcome.message ?? '')) throw new Error(`not refused as Lambda would: ${outcome?.code}`);
    });
    expect(record).toMatchObject({ outcome: 'handled' });
  }, 120_000);

  it('malformed and hostile push stream lines never throw, never invent a digest', () => {
    const hostile = ['', '{', 'null', '[]', '"text"', '{"id":{},"status":7}', '{"aux":"sha256:x"}', '{"aux":{"Digest":"sha256:' + 'g'.repeat(64) + '"}}',
      '{"id":"a","status":"Pushing","progressDetail":{"current":"1e400","total":-1}}', '{"id":"a","status":"Mounted from "}', '{"errorDetail":{}}', '\u0000\uffff'];
    const records: FaultRecord[] = hostile.map((text, i) => {
      try {
        const tracker = new PushProgressTracker();
        pushLineSplitter((m) => tracker.apply(m), () => undefined)(`${text}\n`);
        const snapshot = tracker.snapshot();
        if (snapshot.digest !== null) throw new Error(`invented digest ${snapshot.digest}`);
        if (!Number.isFinite(snapshot.bytesPushed) || snapshot.bytesPushed < 0) throw new Error(`bytes ${snapshot.bytesPushed}`);
        return { area: AREA, name: `malformed stream line ${i}`, outcome: 'handled' };
      } catch (error) {
        return { area: AREA, name: `malformed stream line ${i}`, outcome: 'unsafe', detail: error instanceof Error ? error.message : String(error) };
      }
    });
    appendFaultRecords(records);
    expect(records.filter((r) => r.outcome === 'unsafe')).toEqual([]);
  });
});
