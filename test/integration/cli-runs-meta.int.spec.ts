import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/store/database';
import { skylift } from '../helpers/cli';
import { useTempDir } from '../helpers/temp';

const SETTINGS = JSON.stringify({ dir: '/p', variant: 'local', load: { mode: 'closed', requests: 1, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] });

/** `skylift runs name|note|tag` through runs.update: what they store, `runs show`, `runs list` and export print it. */
describe('skylift runs name, note and tag', () => {
  const tempDir = useTempDir();

  it('names, notes and tags a run by a unique id prefix; show, list and JSON export carry them; a bad tag exits 2', () => {
    const home = tempDir();
    const db = openDatabase(path.join(home, 'skylift.db'));
    db.prepare(`INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, state, created_at) VALUES ('abc123-run', 'numpy', '/p', 'local', '{"kind":"local","variant":"local"}', ?, 'complete', '2026-12-01T10:00:00.000Z')`).run(SETTINGS);
    db.close();
    const env = { SKYLIFT_HOME: home };

    expect(skylift(['runs', 'name', 'abc1', 'before batching'], env)).toMatchObject({ status: 0, stdout: expect.stringContaining('name: before batching') });
    expect(skylift(['runs', 'note', 'abc1', 'numpy 2, one worker'], env).status).toBe(0);
    expect(skylift(['runs', 'tag', 'abc1', 'baseline', 'cpu'], env).status).toBe(0);
    expect(skylift(['runs', 'tag', 'abc1', 'cpu', '--remove'], env).status).toBe(0);

    const shown = skylift(['runs', 'show', 'abc123-run'], env);
    expect(shown.stdout).toContain('name: before batching\ntags: baseline\nnote: numpy 2, one worker\n');
    expect(skylift(['runs', 'list'], env).stdout).toContain('numpy  "before batching"  [baseline]  bench');
    const exported = JSON.parse(skylift(['runs', 'export', 'abc123-run', '--format', 'json'], env).stdout) as { run: { name: string; note: string; tags: string[] } };
    expect(exported.run).toMatchObject({ name: 'before batching', note: 'numpy 2, one worker', tags: ['baseline'] });

    const refused = skylift(['runs', 'tag', 'abc1', 'two words'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/error: .*no spaces/);
    expect(skylift(['runs', 'show', 'abc123-run', '--json'], env).stdout).toContain('"tags": [\n      "baseline"\n    ]');
  }, 180_000);
});
