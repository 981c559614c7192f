import fs from 'node:fs';
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

  it('fails the stream with a clear error when a declared file is missing', async () => {
    const { root, runtime } = project();
    const { stream, summary } = buildContextStream({ projectDir: root, weights: [], requirements: 'missing.txt', dockerfile: 'FROM x', runtimePackageDir: runtime });
    await expect(entriesOf(stream)).rejects.toThrow(/requirements file missing\.txt/);
    await expect(summary).rejects.toMatchObject({ code: 'PROJECT_FILE_MISSING', hint: expect.stringContaining('skylift.yaml') });
  });
});
