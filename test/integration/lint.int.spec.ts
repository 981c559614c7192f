import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';

const CONFIG = path.resolve('.dependency-cruiser.cjs');
const DEPCRUISE = path.resolve('node_modules/.bin/depcruise');
const FIXTURE = path.resolve('test/fixtures/layering');

/** Copies the layered fixture tree, optionally switching on one violating file, and lints it with our real rules. */
function lintFixture(tempDir: string, violation?: string) {
  const root = path.join(tempDir, 'tree');
  fs.cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.endsWith('.ts.txt') || src.endsWith(violation ?? '\0') });
  if (violation) fs.renameSync(path.join(root, violation), path.join(root, violation.replace(/\.txt$/, '')));
  // Resolve 'electron' and friends from the project's node_modules.
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  return spawnSync(DEPCRUISE, ['main', 'renderer', 'shared', '--config', CONFIG], { cwd: root, encoding: 'utf8' });
}

describe('the import rule (npm run lint)', () => {
  const tempDir = useTempDir();

  it('passes a tree that keeps the layers', () => {
    const result = lintFixture(tempDir());
    expect(result.stdout).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it.each([
    ['renderer/src/reaches-into-main.ts.txt', 'renderer-only-shared'],
    ['main/core/uses-electron.ts.txt', 'core-never-electron'],
    ['renderer/src/uses-node.ts.txt', 'renderer-no-node'],
  ])('fails on %s (%s)', (violation, rule) => {
    const result = lintFixture(tempDir(), violation);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain(rule);
  });
});
