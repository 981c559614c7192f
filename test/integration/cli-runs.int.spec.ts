import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/store/database';
import { skylift } from '../helpers/cli';
import { useTempDir } from '../helpers/temp';

const SETTINGS = JSON.stringify({ dir: '/p', variant: 'local', load: { mode: 'closed', requests: 1, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] });

/** `skylift runs` on a store with a damaged run: says which run and how to remove it, and removes it. */
describe('skylift runs with a damaged record', () => {
  const tempDir = useTempDir();

  it('list names the damaged run and the delete that clears it; delete removes it; list works again', () => {
    const home = tempDir();
    const db = openDatabase(path.join(home, 'skylift.db'));
    db.prepare("INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, state, created_at) VALUES ('bad-run', 'p', '/p', 'local', 'not json', ?, 'complete', 'now')").run(SETTINGS);
    db.close();
    const env = { SKYLIFT_HOME: home };

    const listed = skylift(['runs', 'list'], env);
    expect(listed.status).toBe(1);
    expect(listed.stderr).toContain("error: Skylift's record of bench run bad-run is damaged: target");
    expect(listed.stderr).toContain('hint: Delete that run (skylift runs delete bad-run;');
    expect(listed.stderr).not.toMatch(/\n\s+at /);

    expect(skylift(['runs', 'delete', 'bad-run'], env)).toMatchObject({ status: 0, stdout: 'Deleted run bad-run.\n' });
    expect(skylift(['runs', 'delete', 'bad-run'], env).status).toBe(1);
    expect(skylift(['runs', 'list'], env)).toMatchObject({ status: 0, stdout: expect.stringContaining('No bench runs yet') });
  });
});
