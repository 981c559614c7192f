import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../main/core/runs/run-store';
import { openDatabase } from '../../main/core/store/database';
import { migrations } from '../../main/core/store/migrations';
import { SkyliftError } from '../../shared/errors';
import { useTempDir } from '../helpers/temp';
import { probeFault } from './fault-log';

const AREA = 'runs';
const SETTINGS = JSON.stringify({ dir: '/p', variant: 'local', load: { mode: 'closed', requests: 1, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] });

function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Damaged run rows and rows from the previous schema: read honestly, or refused with a cause and a way out. */
describe('runs store under damaged and old rows', () => {
  const tempDir = useTempDir();
  const insert = (db: ReturnType<typeof openDatabase>, id: string, target: string, settings = SETTINGS) =>
    db.prepare("INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, state, created_at) VALUES (?, 'p', '/p', 'local', ?, ?, 'complete', 'now')").run(id, target, settings);

  it.each([
    ['a target that is not JSON', 'local\\local', SETTINGS],
    ['a target of an unknown kind', '{"kind":"gcp","variant":"local"}', SETTINGS],
    ['settings that are not JSON', '{"kind":"local","variant":"local"}', '{"dir":'],
  ])('%s: STORE_CORRUPT naming the run, with a way to delete it', async (what, target, settings) => {
    const record = await probeFault(AREA, `damaged run row: ${what}`, () => {
      const db = openDatabase(path.join(tempDir(), 'skylift.db'));
      try {
        insert(db, 'bad-run', target, settings);
        const store = new RunStore(db);
        let thrown: unknown;
        try {
          store.list(10);
        } catch (error) {
          thrown = error;
        }
        must(thrown instanceof SkyliftError && thrown.code === 'STORE_CORRUPT', `wrong reaction: ${String(thrown)}`);
        must(thrown.message.includes('bad-run') && thrown.hint?.includes('skylift runs delete bad-run'), `no run named or no way out: ${thrown.message} / ${thrown.hint}`);
        must(store.delete('bad-run') && store.list(10).length === 0, 'the damaged run could not be deleted');
      } finally {
        db.close();
      }
    });
    expect(record.outcome).toBe('handled');
  });

  it('rows the previous schema wrote (local/<variant> targets) read after the upgrade as local targets', async () => {
    const record = await probeFault(AREA, 'runs from the previous schema', () => {
      const file = path.join(tempDir(), 'old.db');
      const old = openDatabase(file, migrations.slice(0, migrations.findIndex((sql) => sql.includes('image_digest_source'))));
      insert(old, 'v1', 'local/aws-lambda');
      old.close();
      const db = openDatabase(file);
      try {
        const run = new RunStore(db).get('v1');
        must(run?.target.kind === 'local' && run.target.variant === 'aws-lambda' && run.runKind === 'bench', `read as ${JSON.stringify(run?.target)}`);
      } finally {
        db.close();
      }
    });
    expect(record.outcome).toBe('handled');
  });
});
