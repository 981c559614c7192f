import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase, schemaVersion } from '../store/database';
import { migrations } from '../store/migrations';
import type { DeploymentRecordInput } from './deployment-record';
import { DeploymentStore, HISTORY_LIMIT } from './deployment-store';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const release = (over: Partial<DeploymentRecordInput> = {}): DeploymentRecordInput => ({
  projectDir: '/projects/iris',
  name: 'prod',
  target: 'aws-lambda',
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:iris',
  version: '1',
  alias: 'live',
  imageDigest: digest(1),
  profileId: 'prof-1',
  plan: { fingerprint: 'fp-1', changes: [{ field: 'MemorySize', before: 1024, after: 2048 }], createRole: false },
  deployedAt: '2026-12-06T00:00:00.000Z',
  ...over,
});

describe('DeploymentStore (real SQLite file)', () => {
  const tempDir = useTempDir();
  const open = () => openDatabase(path.join(tempDir(), 'skylift.db'));

  it('is a migration of its own, applied to a fresh database', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(migrations.length);
    const columns = db.prepare("SELECT name FROM pragma_table_info('deployments')").pluck().all();
    expect(columns).toEqual(['id', 'project_dir', 'name', 'target', 'function_arn', 'version', 'alias', 'image_digest', 'profile_id', 'plan', 'deployed_at']);
    db.close();
  });

  it('keeps what is live across reopening: ARN, version, alias, digest, when, profile and the plan applied', () => {
    const file = path.join(tempDir(), 'skylift.db');
    const first = openDatabase(file);
    new DeploymentStore(first).record(release());
    first.close();
    const db = openDatabase(file);
    expect(new DeploymentStore(db).live('/projects/iris', 'prod')).toEqual({ ...release(), id: 1 });
    db.close();
  });

  it('the newest release is live; history lists them newest first, for a rollback', () => {
    const store = new DeploymentStore(open());
    store.record(release());
    store.record(release({ version: '2', imageDigest: digest(2), deployedAt: '2026-12-06T01:00:00.000Z' }));
    store.record(release({ name: 'staging', version: '7' }));
    expect(store.live('/projects/iris', 'prod')).toMatchObject({ version: '2', imageDigest: digest(2) });
    expect(store.history('/projects/iris', 'prod').map((r) => r.version)).toEqual(['2', '1']);
    expect(store.live('/projects/iris', 'nope')).toBeNull();
  });

  it('lists the live release of every deployment, of all projects or one', () => {
    const store = new DeploymentStore(open());
    store.record(release());
    store.record(release({ version: '2' }));
    store.record(release({ name: 'staging', version: '7' }));
    store.record(release({ projectDir: '/projects/other', version: '3' }));
    expect(store.list().map((r) => [r.projectDir, r.name, r.version])).toEqual([
      ['/projects/iris', 'prod', '2'],
      ['/projects/iris', 'staging', '7'],
      ['/projects/other', 'prod', '3'],
    ]);
    expect(store.list('/projects/other').map((r) => r.version)).toEqual(['3']);
  });

  it('forgets a destroyed deployment, and only that one', () => {
    const store = new DeploymentStore(open());
    store.record(release());
    store.record(release({ version: '2' }));
    store.record(release({ name: 'staging' }));
    expect(store.forget('/projects/iris', 'prod')).toBe(2);
    expect(store.live('/projects/iris', 'prod')).toBeNull();
    expect(store.list().map((r) => r.name)).toEqual(['staging']);
  });

  it('bounds history however many releases there are', () => {
    const store = new DeploymentStore(open());
    for (let v = 1; v <= HISTORY_LIMIT + 10; v++) store.record(release({ version: String(v) }));
    const history = store.history('/projects/iris', 'prod');
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0].version).toBe(String(HISTORY_LIMIT + 10));
  });

  it('refuses a record that would lie: $LATEST, a tag for a digest, a target it cannot publish to, no fingerprint', () => {
    const store = new DeploymentStore(open());
    expect(() => store.record(release({ version: '$LATEST' }))).toThrow(/published Lambda version/);
    expect(() => store.record(release({ imageDigest: 'skylift/iris:aws-lambda' }))).toThrow(/digest/);
    expect(() => store.record(release({ target: 'azure-functions' }))).toThrow(/target is one of: aws-lambda/);
    expect(() => store.record(release({ functionArn: 'iris' }))).toThrow(/function ARN/);
    expect(() => store.record(release({ plan: {} as never }))).toThrow();
    expect(store.list()).toEqual([]);
  });

  it('reports a damaged row as STORE_CORRUPT with a hint, not as a wrong fact', () => {
    const db = open();
    const store = new DeploymentStore(db);
    store.record(release());
    db.prepare("UPDATE deployments SET plan = 'not json'").run();
    expect(() => store.live('/projects/iris', 'prod')).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT', hint: expect.stringContaining('Publish') }));
  });
});
