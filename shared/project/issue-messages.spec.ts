import { describe, expect, it } from 'vitest';
import { formatIssues, parseProjectYaml, type ProjectIssue } from './parse';

const valid = `name: iris-numpy
python: "3.11"
framework:
  name: none
model: model:Classifier
targets:
  local: {}
  aws-lambda:
    memoryMb: 1024
`;

function issuesOf(text: string): ProjectIssue[] {
  const result = parseProjectYaml(text);
  if (result.ok) throw new Error('expected the text to be refused');
  return result.issues;
}

describe('project file messages', () => {
  it.each(['3.11', '3.10'])('asks to quote an unquoted python: %s, keeping what was written (3.10 is not 3.1)', (version) => {
    const issues = issuesOf(valid.replace('python: "3.11"', `python: ${version}`));
    expect(issues).toEqual([{ path: 'python', line: 2, column: 1, message: expect.stringMatching(new RegExp(`^quote the version: python: "${version.replace('.', '\\.')}"`)) }]);
  });

  it('says the same for an unquoted framework version', () => {
    const issues = issuesOf(valid.replace('  name: none', '  name: torch\n  version: 2.10'));
    expect(issues[0]).toMatchObject({ path: 'framework.version', line: 5, message: expect.stringMatching(/^quote the version: version: "2\.10"/) });
  });

  it('turns a misspelt required key into one did-you-mean at the key', () => {
    const issues = issuesOf(valid.replace('model: model:Classifier', 'modle: model:Classifier'));
    expect(issues).toEqual([{ path: '', line: 5, column: 1, message: 'unknown key `modle` — did you mean `model`?' }]);
    const nested = issuesOf(valid.replace('    memoryMb: 1024', '    memoryMB: 1024'));
    expect(nested).toEqual([{ path: 'targets.aws-lambda', line: 9, column: 5, message: 'unknown key `memoryMB` — did you mean `memoryMb`?' }]);
  });

  it('lists the allowed keys when nothing is close', () => {
    const issues = issuesOf(valid.replace('  local: {}', '  gcp: {}'));
    expect(issues).toEqual([{ path: 'targets', line: 7, column: 3, message: 'unknown key `gcp`; the keys allowed here are local, aws-lambda, azure-functions' }]);
  });

  it('names a missing required key with an example', () => {
    const issues = issuesOf(valid.replace('model: model:Classifier\n', ''));
    expect(issues).toEqual([{ path: 'model', line: 1, column: 1, message: 'missing required key `model`: add it, e.g. model: model:Classifier' }]);
  });

  it('says a type mismatch in words, with what was found', () => {
    expect(issuesOf(valid.replace('1024', 'lots'))[0]).toMatchObject({ path: 'targets.aws-lambda.memoryMb', message: 'must be a number, not the text "lots"' });
    expect(issuesOf(valid.replace('1024', '1024.5'))[0]).toMatchObject({ message: 'must be a whole number, not the number 1024.5' });
    expect(issuesOf(`${valid}gpu: [yes]\n`)[0]).toMatchObject({ path: 'gpu', message: 'must be true or false, not a list' });
  });

  it('lists the choices of an enum and guesses the one meant', () => {
    const issues = issuesOf(valid.replace('  name: none', '  name: pytorch\n  version: "2.3.1"'));
    expect(issues[0]).toMatchObject({ path: 'framework.name', line: 4, message: 'must be one of torch, tensorflow, onnx, sklearn, none; found the text "pytorch" — did you mean torch?' });
  });

  it('says the bound and the value found for too small and too big', () => {
    expect(issuesOf(valid.replace('1024', '64'))[0]).toMatchObject({ message: 'must be at least 128; found 64' });
    expect(issuesOf(valid.replace('1024', '20000'))[0]).toMatchObject({ line: 9, column: 5, message: 'must be at most 10240; found 20000' });
  });

  it('keeps the schema’s own sentences', () => {
    expect(issuesOf(valid.replace('model:Classifier', 'Classifier'))[0].message).toMatch(/module:Class/);
  });

  it('sorts issues by line, and prints them the same way for the CLI', () => {
    const text = valid.replace('python: "3.11"', 'python: 3.11').replace('1024', '20000').replace('name: iris-numpy', 'name: Iris');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.line)).toEqual([1, 2, 9]);
    expect(formatIssues('skylift.yaml', issues).split('\n')).toEqual([
      expect.stringMatching(/^skylift\.yaml:1:1: name: Use lowercase letters/),
      'skylift.yaml:2:1: python: quote the version: python: "3.11" (unquoted, YAML reads 3.11 as the number 3.11)',
      'skylift.yaml:9:5: targets.aws-lambda.memoryMb: must be at most 10240; found 20000',
    ]);
  });
});
