import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderWatcher } from './folder-watcher';
import { TreeWatch } from './tree-watch';
import { watchFilter } from './watch-filter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The watcher on a real folder with real writes (inotify through fs.watch). */
describe('FolderWatcher', () => {
  let dir = '';
  let watcher: FolderWatcher | undefined;
  afterEach(() => {
    watcher?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function watch(): Array<{ savedAt: number; paths: string[] }> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-watcher-'));
    fs.mkdirSync(path.join(dir, '.skylift'));
    const changes: Array<{ savedAt: number; paths: string[] }> = [];
    watcher = new FolderWatcher(dir, { onChange: (savedAt, paths) => changes.push({ savedAt, paths }), onError: (error) => { throw error; } });
    watcher.start();
    return changes;
  }

  it("makes one change of an editor's write, rename, write, and dates it at the first save", async () => {
    const changes = watch();
    const before = performance.now();
    fs.writeFileSync(path.join(dir, 'model.py.tmp'), 'a');
    fs.renameSync(path.join(dir, 'model.py.tmp'), path.join(dir, 'model.py'));
    await sleep(50);
    fs.writeFileSync(path.join(dir, 'model.py'), 'b');
    await expect.poll(() => changes.length, { timeout: 3000 }).toBe(1);
    await sleep(400);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.paths).toContain('model.py');
    expect(changes[0]!.savedAt).toBeGreaterThanOrEqual(before);
    expect(changes[0]!.savedAt).toBeLessThan(before + 150);
  });

  it('hears nothing of ignored paths, and nothing once stopped', async () => {
    const changes = watch();
    fs.writeFileSync(path.join(dir, '.skylift', 'state.json'), '{}');
    fs.writeFileSync(path.join(dir, '.model.py.swp'), 'x');
    await sleep(500);
    expect(changes).toEqual([]);
    watcher!.stop();
    fs.writeFileSync(path.join(dir, 'model.py'), 'c');
    await sleep(500);
    expect(changes).toEqual([]);
  });

  it('hears a file in a folder made after it started', async () => {
    const changes = watch();
    fs.mkdirSync(path.join(dir, 'pkg'));
    await sleep(100);
    changes.length = 0;
    fs.writeFileSync(path.join(dir, 'pkg', 'util.py'), 'x = 1');
    await expect.poll(() => changes.flatMap((c) => c.paths), { timeout: 3000 }).toContain(path.join('pkg', 'util.py'));
  });
});

describe('TreeWatch', () => {
  it('takes one watch per folder that matters, none per file and none in ignored folders, and follows folders made and removed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-tree-'));
    try {
      fs.mkdirSync(path.join(root, 'weights'));
      for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(root, 'weights', `shard-${i}.bin`), '');
      fs.mkdirSync(path.join(root, '.git', 'objects', 'ab'), { recursive: true });
      fs.mkdirSync(path.join(root, 'notebooks', 'old'), { recursive: true });
      fs.writeFileSync(path.join(root, '.dockerignore'), 'notebooks/\n');
      const seen: string[] = [];
      const tree = new TreeWatch(root, { counts: watchFilter(root), onChange: (name) => seen.push(name), onError: (error) => { throw error; } });
      tree.start();
      expect(tree.size).toBe(2); // the root and weights/
      fs.mkdirSync(path.join(root, 'pkg'));
      await expect.poll(() => tree.size).toBe(3);
      fs.writeFileSync(path.join(root, 'pkg', 'util.py'), 'x = 1');
      fs.writeFileSync(path.join(root, 'weights', 'shard-1.bin'), 'changed');
      await expect.poll(() => seen).toEqual(expect.arrayContaining(['pkg', path.join('pkg', 'util.py'), path.join('weights', 'shard-1.bin')]));
      fs.rmSync(path.join(root, 'pkg'), { recursive: true });
      await expect.poll(() => tree.size).toBe(2);
      tree.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
