import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { buildContextStream } from './build-context';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
}

async function entriesOf(stream: Readable): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const reader = extract();
  reader.on('entry', (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on('data', (c: unknown) => void chunks.push(c as Buffer));
    body.on('end', () => {
      found.set(header.name, Buffer.concat(chunks).toString());
      next();
    });
  });
  const done = new Promise((resolve, reject) => {
    reader.on('finish', () => resolve(undefined)).on('error', reject);
    stream.on('error', reject);
  });
  stream.pipe(reader);
  await done;
  return found;
}

describe('buildContextStream', () => {
  const tempDir = useTempDir();

  function project() {
    const root = tempDir();
    writeTree(root, {
      'model.py': 'class M: pass',
      'requirements.txt': 'numpy\n',
      'weights/w.json': '[1,2,3]',
      'weights/nested/more.bin': 'xyz',
      'notes/secret.txt': 'do not ship',
      'scratch.tmp': 'tmp',
      'pkg/util.py': 'x = 1',
      '.dockerignore': 'notes/\n*.tmp\n',
      '.skylift/Dockerfile.local': 'FROM ejected',
    });
    const runtime = path.join(tempDir(), 'skylift_runtime');
    writeTree(runtime, { '__init__.py': '', '__main__.py': 'main()', 'tests/test_x.py': 'no', '__pycache__/x.pyc': 'bin' });
    const azure = tempDir();
    writeTree(azure, { 'host.json': '{}', 'predict/function.json': '{}' });
    return { root, runtime, azure };
  }

  it('lays out Dockerfile, adapter, requirements, weights and code, honouring .dockerignore', async () => {
    const { root, runtime } = project();
    const { stream, summary } = buildContextStream({ projectDir: root, weights: ['weights/'], requirements: 'requirements.txt', dockerfile: 'FROM base\n', runtimePackageDir: runtime });
    const entries = await entriesOf(stream);
    expect([...entries.keys()].sort()).toEqual(
      [
        'Dockerfile',
        'skylift/runtime/skylift_runtime/__init__.py',
        'skylift/runtime/skylift_runtime/__main__.py',
        'skylift/requirements.txt',
        'weights/weights/w.json',
        'weights/weights/nested/more.bin',
        'app/.dockerignore',
        'app/model.py',
        'app/pkg/util.py',
        'app/requirements.txt',
      ].sort(),
    );
    expect(entries.get('Dockerfile')).toBe('FROM base\n');
    expect(entries.get('weights/weights/w.json')).toBe('[1,2,3]');
    expect(await summary).toMatchObject({ files: 10, ignored: 2 });
  });

  it('adds the Azure Functions files only when asked', async () => {
    const { root, runtime, azure } = project();
    const entries = await entriesOf(buildContextStream({ projectDir: root, weights: [], dockerfile: 'FROM x', runtimePackageDir: runtime, azureDir: azure }).stream);
    expect(entries.has('skylift/azure/host.json')).toBe(true);
    expect(entries.has('skylift/azure/predict/function.json')).toBe(true);
    expect(entries.has('app/weights/w.json')).toBe(true); // no weights declared: they ride with the code
  });

  it('refuses a missing declared file before any stream exists, with a did-you-mean', () => {
    const { root, runtime } = project();
    expect(() => buildContextStream({ projectDir: root, weights: [], requirements: 'requirments.txt', dockerfile: 'FROM x', runtimePackageDir: runtime })).toThrow(
      expect.objectContaining({ code: 'BUILD_CONTEXT_REFUSED', message: expect.stringMatching(/requirements: requirments\.txt does not exist in the project; did you mean requirements\.txt\?/) }),
    );
  });
});

describe('build context policy', () => {
  const tempDir = useTempDir();
  const runtime = () => {
    const dir = tempDir();
    writeTree(dir, { '__init__.py': '' });
    return dir;
  };
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error('expected the build context to be refused');
  };
  const context = (root: string, extra: { weights?: string[]; requirements?: string; model?: string } = {}) =>
    buildContextStream({ projectDir: root, weights: extra.weights ?? [], requirements: extra.requirements, model: extra.model, dockerfile: 'FROM x', runtimePackageDir: runtime() });

  it('follows symlinks inside the project: the Hugging Face cache layout sends each link as its file', async () => {
    const root = tempDir();
    writeTree(root, { 'model.py': '', 'hub/blobs/abc123': 'tensor bytes', 'hub/blobs/def456': '{"cfg":1}' });
    fs.mkdirSync(path.join(root, 'hub/snapshots/main'), { recursive: true });
    fs.symlinkSync('../../blobs/abc123', path.join(root, 'hub/snapshots/main/model.safetensors'));
    fs.symlinkSync('../../blobs/def456', path.join(root, 'hub/snapshots/main/config.json'));
    fs.symlinkSync('hub/snapshots/main', path.join(root, 'current'));
    const entries = await entriesOf(context(root, { weights: ['hub/'], model: 'model:M' }).stream);
    expect(entries.get('weights/hub/snapshots/main/model.safetensors')).toBe('tensor bytes');
    expect(entries.get('weights/hub/snapshots/main/config.json')).toBe('{"cfg":1}');
    expect(entries.get('app/current/config.json')).toBe('{"cfg":1}'); // a linked folder inside the project is walked too
  });

  it('refuses a symlink that leaves the project (requirements.txt → a file outside), naming both paths', () => {
    const root = tempDir();
    const outside = path.join(tempDir(), 'host-secrets.txt');
    fs.writeFileSync(outside, 'not for the image');
    writeTree(root, { 'model.py': '' });
    fs.symlinkSync(outside, path.join(root, 'requirements.txt'));
    const error = refusal(() => context(root, { requirements: 'requirements.txt' }));
    expect(error.code).toBe('BUILD_CONTEXT_REFUSED');
    expect(error.message).toContain(`requirements.txt: a symlink to ${fs.realpathSync(outside)}, outside the project`);
  });

  it('refuses a dangling symlink, a symlink loop, and a FIFO, naming each, without hanging', () => {
    const root = tempDir();
    writeTree(root, { 'model.py': '' });
    fs.symlinkSync('nowhere.bin', path.join(root, 'gone.bin'));
    fs.mkdirSync(path.join(root, 'deep'));
    fs.symlinkSync('..', path.join(root, 'deep/up'));
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const error = refusal(() => context(root, { requirements: 'pipe' }));
    expect(error.message).toMatch(/requirements: pipe is a named pipe \(FIFO\), not a file/);
    expect(error.message).toMatch(/gone\.bin: a symlink to nowhere\.bin, which does not exist/);
    expect(error.message).toMatch(/deep\/up: a symlink loop/);
    expect(error.message).toMatch(/pipe: a named pipe \(FIFO\) can't go into an image/);
  });

  it('does not walk a folder .dockerignore excludes: a FIFO and a socket inside it neither fail nor hang the build', async () => {
    const root = tempDir();
    writeTree(root, { 'model.py': '', '.dockerignore': 'cache/\n', 'cache/big/x.bin': 'x' });
    execFileSync('mkfifo', [path.join(root, 'cache/big/pipe')]);
    const server = net.createServer().listen(path.join(root, 'cache/agent.sock'));
    try {
      const { stream, summary } = context(root, { model: 'model:M' });
      const entries = await entriesOf(stream);
      expect([...entries.keys()].filter((k) => k.startsWith('app/'))).toEqual(['app/.dockerignore', 'app/model.py']);
      expect((await summary).ignored).toBe(1); // the folder, not its contents: it was never read
    } finally {
      server.close();
    }
  });

  it('does not walk an excluded folder at all: one nested past PATH_MAX (unreadable by path, even for root) builds; not excluded, it is refused by name', async () => {
    const root = tempDir();
    writeTree(root, { 'model.py': '', '.dockerignore': 'cache\n' });
    // mkdir one level at a time from inside the last: the full path ends up longer than the kernel's 4096.
    const level = 'd'.repeat(200);
    execFileSync('bash', ['-c', `mkdir -p cache && cd cache && for i in $(seq 1 25); do mkdir ${level} && cd ${level}; done`], { cwd: root });
    try {
      const { stream, summary } = context(root, { model: 'model:M' });
      await entriesOf(stream);
      expect((await summary).ignored).toBe(1);
      fs.writeFileSync(path.join(root, '.dockerignore'), '');
      expect(refusal(() => context(root, { model: 'model:M' })).message).toMatch(/cache\/d{50}.*….*d: can't be read \(ENAMETOOLONG\)/);
    } finally {
      execFileSync('rm', ['-rf', path.join(root, 'cache')]);
    }
  });

  it.each([
    ['a typo', 'weigths/', /weights: weigths\/ does not exist in the project; did you mean weights\?/],
    ['a home path', '~/models/w.json', /weights: ~\/models\/w\.json does not exist in the project \(paths are relative to the project folder; "~" is not expanded\)/],
    ['a backslash path', 'weights\\w.json', /weights: weights\\w\.json does not exist in the project; did you mean weights\/w\.json\?/],
  ])('refuses a declared weights path that does not exist (%s), with a did-you-mean', (_, declared, message) => {
    const root = tempDir();
    writeTree(root, { 'model.py': '', 'weights/w.json': '[]' });
    expect(refusal(() => context(root, { weights: [declared] })).message).toMatch(message);
  });

  it('takes "." or "./" as weights to mean the whole project', async () => {
    const root = tempDir();
    writeTree(root, { 'model.py': '', 'w.bin': 'x' });
    for (const whole of ['.', './']) {
      const entries = await entriesOf(context(root, { weights: [whole], model: 'model:M' }).stream);
      expect(entries.get('weights/w.bin')).toBe('x');
    }
  });

  it('refuses declared weights that send nothing, and a model module that is missing or excluded', () => {
    const root = tempDir();
    writeTree(root, { 'serve.py': '', 'weights/w.bin': 'x', '.dockerignore': 'weights/\n' });
    fs.mkdirSync(path.join(root, 'empty'));
    const error = refusal(() => context(root, { weights: ['weights/', 'empty'], model: 'serv:Model' }));
    expect(error.message).toMatch(/weights: weights\/ sends no files \(it is empty, or \.dockerignore excludes it\)/);
    expect(error.message).toMatch(/weights: empty sends no files/);
    expect(error.message).toMatch(/model: no module serv\.py or serv\/__init__\.py in the project for "serv:Model"; did you mean serve:Model\?/);
    fs.writeFileSync(path.join(root, '.dockerignore'), '*.py\n');
    expect(refusal(() => context(root, { model: 'serve:Model' })).message).toMatch(/model: serve\.py exists but \.dockerignore excludes it/);
  });
});
