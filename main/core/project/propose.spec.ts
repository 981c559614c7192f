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
});
