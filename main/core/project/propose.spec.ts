import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseProjectYaml } from '../../../shared/project/parse';
import { useTempDir } from '../../../test/helpers/temp';
import { parseRequirementLine, proposeConfig } from './propose';

describe('parseRequirementLine', () => {
  it.each([
    ['torch==2.3.1', { name: 'torch', version: '2.3.1' }],
    ['scikit_learn[alldeps] ~= 1.4.2 ; python_version > "3.8"', { name: 'scikit-learn', version: '1.4.2' }],
    ['numpy>=1.24  # fast', { name: 'numpy', version: '1.24' }],
    ['requests', { name: 'requests' }],
  ])('%s', (line, expected) => expect(parseRequirementLine(line)).toEqual(expected));

  it('skips comments and options', () => {
    expect(parseRequirementLine('# nothing')).toBeUndefined();
    expect(parseRequirementLine('--extra-index-url https://x')).toBeUndefined();
  });
});

describe('proposeConfig', () => {
  const tempDir = useTempDir();

  it('detects torch and its version, the model class and weights, and proposes a valid skylift.yaml', () => {
    const dir = path.join(tempDir(), 'My Sentiment Model');
    fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy\ntorch==2.5.1\n');
    fs.writeFileSync(path.join(dir, 'serve.py'), 'import torch\n\nclass Helper:\n    pass\n\nclass Sentiment:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return 1\n');
    const { yaml, notes } = proposeConfig(dir);
    expect(parseProjectYaml(yaml).ok).toBe(true);
    expect(parse(yaml)).toMatchObject({ name: 'my-sentiment-model', framework: { name: 'torch', version: '2.5.1' }, model: 'serve:Sentiment', weights: ['weights/'], gpu: true });
    expect(notes).toEqual([]);
  });

  it('reads pyproject.toml dependencies and requires-python, and says what it could not find', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\nrequires-python = ">=3.10"\ndependencies = ["tensorflow>=2.16.1"]\n');
    const { yaml, notes } = proposeConfig(dir);
    expect(parse(yaml)).toMatchObject({ python: '3.10', framework: { name: 'tensorflow', version: '2.16.1' } });
    expect(notes.join(' ')).toMatch(/module:Class/);
    expect(notes.join(' ')).toMatch(/requirements.txt/);
  });

  it('proposes a name Docker accepts from any folder name: no dash left at either end after cutting to length', () => {
    const dir = path.join(tempDir(), `${'a'.repeat(62)} b`);
    fs.mkdirSync(dir);
    const { yaml } = proposeConfig(dir);
    expect(parseProjectYaml(yaml).ok).toBe(true);
    expect(parse(yaml).name).toBe('a'.repeat(62));
  });

  describe('reads only plain files of a sane size', () => {
    const refusal = (dir: string): { code?: string; message: string } => {
      try {
        proposeConfig(dir);
      } catch (error) {
        return error as { code?: string; message: string };
      }
      throw new Error('proposeConfig accepted the folder');
    };

    // Before: a FIFO blocked readFileSync forever (the whole server in browser mode), and a link to
    // /dev/zero grew to 7 GB in 8 s. Each is refused at once, naming the file and what it is.
    it.each([
      ['a FIFO', (file: string) => execFileSync('mkfifo', [file]), /requirements\.txt is not a regular file \(a named pipe \(FIFO\)\)/],
      ['a link to /dev/zero', (file: string) => fs.symlinkSync('/dev/zero', file), /requirements\.txt is not a regular file \(a device\)/],
      ['a folder', (file: string) => fs.mkdirSync(file), /requirements\.txt is not a regular file \(a folder\)/],
      ['2 MiB', (file: string) => fs.writeFileSync(file, 'numpy\n'.repeat(350_000)), /requirements\.txt: 2\.0 MiB; Skylift reads at most 1\.0 MiB of a dependency list/],
    ])('requirements.txt as %s is refused with its path', (_what, make, message) => {
      const dir = tempDir();
      make(path.join(dir, 'requirements.txt'));
      const error = refusal(dir);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(path.join(dir, 'requirements.txt'));
    });

    it('pyproject.toml as a FIFO is refused too, and a link to a plain file is read', () => {
      const dir = tempDir();
      execFileSync('mkfifo', [path.join(dir, 'pyproject.toml')]);
      expect(refusal(dir).message).toMatch(/pyproject\.toml is not a regular file \(a named pipe \(FIFO\)\)/);
      fs.rmSync(path.join(dir, 'pyproject.toml'));
      fs.writeFileSync(path.join(dir, 'real.txt'), 'torch==2.5.1\n');
      fs.symlinkSync('real.txt', path.join(dir, 'requirements.txt'));
      expect(parse(proposeConfig(dir).yaml)).toMatchObject({ framework: { name: 'torch', version: '2.5.1' } });
    });

    it('a .py FIFO is skipped with a note while the model class is still found in the others', () => {
      const dir = tempDir();
      execFileSync('mkfifo', [path.join(dir, 'a_pipe.py')]);
      fs.writeFileSync(path.join(dir, 'model.py'), 'class Model:\n    def predict(self, payload):\n        return 1\n');
      const { yaml, notes } = proposeConfig(dir);
      expect(parse(yaml).model).toBe('model:Model');
      expect(notes.join('\n')).toMatch(/a_pipe\.py was skipped .*named pipe/);
    });
  });
});
