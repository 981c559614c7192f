import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { listDirs, MAX_ENTRIES_READ } from './list-dirs';
import { projectRoot, readProject } from './project-files';

describe('listDirs', () => {
  const tempDir = useTempDir();
  const tree = () => {
    const root = tempDir();
    for (const dir of ['models', 'modules', 'other', '.hidden']) fs.mkdirSync(path.join(root, dir));
    fs.writeFileSync(path.join(root, 'model.txt'), 'a file, never listed');
    fs.symlinkSync(path.join(root, 'other'), path.join(root, 'mo-link'));
    return root;
  };

  it('lists the child folders starting with the typed name, folders only, links to folders included', async () => {
    const root = tree();
    expect(await listDirs(path.join(root, 'mo'), 50)).toEqual({ parent: root, dirs: ['mo-link', 'models', 'modules'], truncated: false });
    expect((await listDirs(`${root}/`, 50)).dirs).toEqual(['mo-link', 'models', 'modules', 'other']);
    expect((await listDirs(`${root}/.`, 50)).dirs).toEqual(['.hidden']);
  });

  it('stops at the limit and says it did', async () => {
    expect(await listDirs(`${tree()}/`, 2)).toMatchObject({ dirs: ['mo-link', 'models'], truncated: true });
  });

  it('reads at most MAX_ENTRIES_READ entries of a huge folder', async () => {
    const root = tempDir();
    for (let i = 0; i < MAX_ENTRIES_READ + 10; i++) fs.writeFileSync(path.join(root, `f${i}`), '');
    expect(await listDirs(`${root}/`, 50)).toEqual({ parent: root, dirs: [], truncated: true });
  });

  it('never reads into /proc-like trees', async () => {
    expect(await listDirs('/proc/', 50)).toEqual({ parent: '/proc', dirs: [], truncated: false });
    expect(await listDirs('/proc/self/', 50)).toMatchObject({ dirs: [] });
  });

  it('a missing folder is a SkyliftError with a hint', async () => {
    await expect(listDirs(path.join(tempDir(), 'nope', 'x'), 50)).rejects.toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('machine running Skylift') });
  });
});

describe('projectRoot', () => {
  const tempDir = useTempDir();
  it('takes …/skylift.yaml as its folder, and a folder as itself', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'skylift.yaml'), 'name: x\n');
    expect(projectRoot(path.join(root, 'skylift.yaml'))).toBe(root);
    expect(projectRoot(root)).toBe(root);
    expect(readProject(path.join(root, 'skylift.yaml'))).toMatchObject({ dir: root, file: path.join(root, 'skylift.yaml') });
    fs.mkdirSync(path.join(root, 'inner', 'skylift.yaml'), { recursive: true });
    expect(projectRoot(path.join(root, 'inner', 'skylift.yaml'))).toBe(path.join(root, 'inner', 'skylift.yaml'));
  });
});
