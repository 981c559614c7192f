import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFilter } from './watch-filter';

describe('watchFilter', () => {
  const dirs: string[] = [];
  const project = (dockerignore?: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-watch-filter-'));
    dirs.push(dir);
    if (dockerignore !== undefined) fs.writeFileSync(path.join(dir, '.dockerignore'), dockerignore);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('counts code, requirements, weights and skylift.yaml', () => {
    const counts = watchFilter(project());
    for (const file of ['model.py', 'src/pkg/util.py', 'requirements.txt', 'weights/model.bin', 'skylift.yaml', '.dockerignore']) expect(counts(file), file).toBe(true);
  });

  it("ignores Skylift's state, git, bytecode caches and editors' temporary files", () => {
    const counts = watchFilter(project());
    for (const file of ['.skylift/payloads/a.json', '.git/index', 'pkg/__pycache__/m.cpython-311.pyc', '.model.py.swp', '4913', 'model.py~', '.#model.py', '#model.py#', 'model.py___jb_tmp___', 'x.tmp', '']) {
      expect(counts(file), file).toBe(false);
    }
  });

  it('ignores what .dockerignore excludes, as the build does', () => {
    const counts = watchFilter(project('# notes\nnotebooks/\n*.log\n!keep.log\n'));
    expect(counts('notebooks/try.ipynb')).toBe(false);
    expect(counts('train.log')).toBe(false);
    expect(counts('keep.log')).toBe(true);
    expect(counts('model.py')).toBe(true);
  });

  it('reads .dockerignore again when it changes, so later saves are judged by the new rules', () => {
    const dir = project('notebooks/\n');
    const counts = watchFilter(dir);
    expect(counts('notebooks/try.ipynb')).toBe(false);
    fs.writeFileSync(path.join(dir, '.dockerignore'), '*.csv\n');
    expect(counts('.dockerignore')).toBe(true); // the change itself counts
    expect(counts('notebooks/try.ipynb')).toBe(true);
    expect(counts('data.csv')).toBe(false);
  });
});
