import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_DEFAULTS } from '../../shared/contract/bench-defaults';
import { openDatabase } from '../../main/core/store/database';
import { writeProbeProject } from '../helpers/probe-project';
import { useTempDir } from '../helpers/temp';

const BIN = path.resolve('bin/skylift.cjs');
/** The machine may be busy: a generous deadline per command, strict assertions. */
const cli = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const SETTINGS = JSON.stringify({ dir: '/p', variant: 'local', load: { mode: 'closed', requests: 1, concurrency: 1 }, warmup: 0, coldStarts: 0, payloads: [] });

/** Runs stored as a bench stores them, with ids chosen so prefixes collide or not. */
function seedRuns(home: string, ids: string[], failureMessage = 'ended'): void {
  const db = openDatabase(path.join(home, 'skylift.db'));
  const insert = db.prepare(
    "INSERT INTO bench_runs (id, project, project_dir, variant, target, settings, state, created_at, failure) VALUES (?, 'p', '/p', 'local', '{\"kind\":\"local\",\"variant\":\"local\"}', ?, 'failed', ?, ?)",
  );
  ids.forEach((id, i) => insert.run(id, SETTINGS, `2026-01-0${i + 1}T00:00:00.000Z`, JSON.stringify({ code: 'X', message: failureMessage })));
  db.close();
}

/** The CLI as issue 12's new user met it: each fix, through the built CLI (npm run build first). */
describe('skylift CLI walk (issue 12)', () => {
  const tempDir = useTempDir('skylift-cli-walk-');

  it('runs show|export|delete take a unique id prefix, as git does; an ambiguous one lists the candidates', () => {
    const env = { SKYLIFT_HOME: tempDir() };
    seedRuns(env.SKYLIFT_HOME, ['abc111-run', 'abc222-run', 'def333-run']);

    const ambiguous = cli(['runs', 'show', 'abc'], env);
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toMatch(/^error: The run id abc is ambiguous: 2 runs' ids start with it:\n {2}abc111-run\n {2}abc222-run\nhint: Type more characters of the id\.$/m);

    const shown = cli(['runs', 'show', 'abc2', '--json'], env);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ ok: true, value: { id: 'abc222-run' } });

    const exported = cli(['runs', 'export', 'def', '--format', 'json'], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).run.id).toBe('def333-run');

    const missing = cli(['runs', 'show', 'zzz'], env);
    expect(missing).toMatchObject({ status: 1, stderr: expect.stringMatching(/^error: No bench run with id zzz\.\nhint: /) });

    expect(cli(['runs', 'delete', 'abc'], env).stderr).toContain('is ambiguous');
    expect(cli(['runs', 'delete', 'abc1'], env)).toMatchObject({ status: 0, stdout: 'Deleted run abc111-run.\n' });
    expect(cli(['runs', 'delete', 'abc1'], env).status).toBe(1);
    // With abc111 gone, abc is unique.
    expect(JSON.parse(cli(['runs', 'show', 'abc', '--json'], env).stdout).value.id).toBe('abc222-run');
  }, 240_000);

  it('runs export goes through the contract, so it is redacted as the UI export is', () => {
    const env = { SKYLIFT_HOME: tempDir() };
    seedRuns(env.SKYLIFT_HOME, ['sec-run'], 'the model printed password=hunter2hunter2 and stopped');
    const exported = cli(['runs', 'export', 'sec-run', '--format', 'json'], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).not.toContain('hunter2hunter2');
    expect(JSON.parse(exported.stdout).run.failure.message).toBe('the model printed password=[redacted] and stopped');
  }, 60_000);

  it('help shows no empty {} or [] defaults, and bench shows the shared defaults', () => {
    const env = { SKYLIFT_HOME: tempDir() };
    const commands = [[], ['serve'], ['new'], ['build'], ['dockerfile'], ['run'], ['invoke'], ['bench'], ['runs', 'export'], ['deploy'], ['profiles', 'add']];
    for (const command of commands) {
      const help = cli([...command, '--help'], env);
      expect(help.status, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).not.toMatch(/\(default: (\{\}|\[\])\)|\(default: [^)]*\) \(default: /);
    }
    const bench = cli(['bench', '--help'], env).stdout.replace(/\s+/g, ' ');
    expect(bench).toContain(`closed loop: requests in flight (default: ${BENCH_DEFAULTS.concurrency})`);
    expect(bench).toContain(`times its first answer (default: ${BENCH_DEFAULTS.coldStarts})`);
    expect(bench).toContain(`closed loop: measured requests (default: ${BENCH_DEFAULTS.requests})`);
  }, 240_000);

  it('new --list prints each sample with what it is, not its name twice', () => {
    const listed = cli(['new', '--list'], { SKYLIFT_HOME: tempDir() });
    expect(listed.status, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toContainEqual(expect.stringMatching(/^numpy-classifier +A tiny real classifier that needs only numpy: .+\.$/));
    for (const line of lines) expect(line.split(/\s+/).filter((word) => word === line.split(/\s+/)[0])).toHaveLength(1);
  }, 60_000);

  it('a path to skylift.yaml means its folder', () => {
    const env = { SKYLIFT_HOME: tempDir() };
    const dir = writeProbeProject(path.join(tempDir(), 'probe'), 'walk-yaml');
    const printed = cli(['dockerfile', path.join(dir, 'skylift.yaml')], env);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^FROM /m);
    const relative = cli(['dockerfile', 'skylift.yaml', '--json'], env, dir);
    expect(relative.status, relative.stderr).toBe(0);
    expect(JSON.parse(relative.stdout).value.variant).toBe('local');
    // A folder without a project says what is missing there, not "No folder".
    const empty = tempDir();
    const missing = cli(['build', path.join(empty, 'skylift.yaml')], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`error: ${empty} has no skylift.yaml.`);
    expect(missing.stderr).not.toContain('No folder');
  }, 120_000);

  it('--payload: a project payload by name or a file, in invoke and bench alike, saying which; neither names both ways out', () => {
    const env = { SKYLIFT_HOME: tempDir() };
    const dir = writeProbeProject(path.join(tempDir(), 'probe'), `walk-payload-${process.pid}`);
    const named = cli(['invoke', dir, '--payload', 'hello.json'], env);
    expect(named.stderr).toContain('payload: the sample payload "hello.json"\n');

    const file = path.join(tempDir(), 'event.json');
    fs.writeFileSync(file, '{"raise": "boom"}');
    expect(cli(['invoke', dir, '--payload', file], env).stderr).toContain(`payload: the file ${file}\n`);

    // A name that is also a file here: the name wins and the way to the file is said.
    fs.writeFileSync(path.join(dir, 'hello.json'), '{}');
    expect(cli(['invoke', '.', '--payload', 'hello.json'], env, dir).stderr).toContain('payload: the sample payload "hello.json" (not the file hello.json: pass ./hello.json for it)');
    expect(cli(['invoke', '.', '--payload', './hello.json'], env, dir).stderr).toContain('payload: the file ./hello.json');

    for (const command of ['invoke', 'bench']) {
      const neither = cli([command, dir, '--payload', 'nope.json'], env);
      expect(neither.status, command).toBe(1);
      expect(neither.stderr, command).toContain('error: No payload file at nope.json, and the project has no payload named "nope.json".');
      expect(neither.stderr, command).toContain("hint: Pass a JSON file (or - to read stdin, for invoke); or one of this project's payloads: hello.json.");
    }

    const benched = cli(['bench', dir, '--payload', file], env);
    expect(benched.stderr).toContain(`payload: the file ${file}, saved for this project as "event.json"`);
    expect(cli(['bench', dir, '--payload', 'event.json'], env).stderr).toContain('payload: the saved payload "event.json"');
  }, 300_000);
});
