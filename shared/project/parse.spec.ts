import { describe, expect, it } from 'vitest';
import { formatIssues, MAX_PROJECT_FILE_BYTES, parseProjectYaml } from './parse';
import { projectConfigSchema } from './schema';

const valid = `name: iris-numpy
python: "3.11"
framework:
  name: none
requirements: requirements.txt
systemPackages: [python3-numpy]
model: model:Classifier
weights:
  - weights/
targets:
  local: {}
  aws-lambda:
    memoryMb: 1024
`;

describe('parseProjectYaml', () => {
  it('accepts a valid project and fills defaults', () => {
    const result = parseProjectYaml(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({ name: 'iris-numpy', gpu: false, weights: ['weights/'], targets: { 'aws-lambda': { memoryMb: 1024 } } });
  });

  it('names the line, column and field of a bad value', () => {
    const result = parseProjectYaml(valid.replace('memoryMb: 1024', 'memoryMb: 20000'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: 'targets.aws-lambda.memoryMb', line: 13, column: 5 });
    expect(formatIssues('/p/skylift.yaml', result.issues)).toMatch(/^\/p\/skylift.yaml:13:5: targets.aws-lambda.memoryMb: /);
  });

  it('points a missing field at its parent, and an unknown key at the key', () => {
    const missing = parseProjectYaml(valid.replace('model: model:Classifier\n', ''));
    expect(missing.ok || missing.issues[0]).toMatchObject({ path: 'model', line: 1 });
    const unknown = parseProjectYaml(valid.replace('  local: {}', '  gcp: {}'));
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.issues[0]).toMatchObject({ path: 'targets', line: 11, column: 3 });
    expect(unknown.issues[0].message).toMatch(/gcp/);
  });

  it('explains a model reference that is not module:Class', () => {
    const result = parseProjectYaml(valid.replace('model:Classifier', 'Classifier'));
    expect(result.ok || result.issues[0]).toMatchObject({ path: 'model', line: 7, message: expect.stringContaining('module:Class') });
  });

  it('reports YAML syntax errors with their position', () => {
    const result = parseProjectYaml('name: x\n  python: [3.11\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0].message).toMatch(/^YAML syntax/);
    expect(result.issues[0].line).toBeGreaterThanOrEqual(1);
  });

  it('requires a framework version unless the framework is none', () => {
    const result = parseProjectYaml(valid.replace('  name: none', '  name: torch'));
    expect(result.ok || result.issues[0]).toMatchObject({ path: 'framework.version' });
  });

  it('refuses a key written twice, at the second one', () => {
    const result = parseProjectYaml(valid.replace('gpu', 'x').replace('model: model:Classifier\n', 'model: model:Classifier\npython: "3.12"\n'));
    expect(result.ok || result.issues[0]).toMatchObject({ line: 8, column: 1, message: expect.stringMatching(/unique.*"python"/) });
  });

  it('refuses a file over 1 MiB without parsing it, saying the limit', () => {
    const result = parseProjectYaml(valid + `# ${'x'.repeat(MAX_PROJECT_FILE_BYTES)}\n`);
    expect(result.ok || result.issues).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/at most 1 MiB/) })]);
  });

  // The yaml library's own duplicate-key check was quadratic: this file took 35 s; linear it takes
  // about a second here. The deadline is generous on purpose: it proves "no blow-up", not a speed.
  it('parses a 1 MiB file of 80k keys in linear time (well inside a generous deadline)', () => {
    let text = `${valid}extra:\n`;
    for (let i = 0; text.length < MAX_PROJECT_FILE_BYTES - 100; i++) text += `  k${i}: ${i}\n`;
    const started = performance.now();
    const result = parseProjectYaml(text);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result.ok || result.issues).toEqual([expect.objectContaining({ path: '', message: expect.stringMatching(/^unknown key `extra`/) })]);
  }, 60_000);

  it('lists at most 20 issues and a short message however many there are', () => {
    const weights = Array.from({ length: 5000 }, (_, i) => `  - /abs/${i}`).join('\n');
    const result = parseProjectYaml(valid.replace('weights:\n  - weights/', `weights:\n${weights}`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(20);
    expect(result.issues[19].message).toMatch(/and 4980 more problems/);
    const unknown = parseProjectYaml(valid + Array.from({ length: 5000 }, (_, i) => `k${i}: 1`).join('\n'));
    expect(unknown.ok || unknown.issues[0].message.length).toBeLessThan(400);
  });

  it('turns an alias expansion bomb and a list used as a key into issues, never an exception', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    expect(parseProjectYaml(lines.join('\n'))).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/^YAML aliases: /) }] });
    expect(parseProjectYaml('? [a, b]\n: c\n')).toMatchObject({ ok: false, issues: [{ line: 1, message: 'A key must be a plain name, not a list or mapping' }] });
  });

  it.each([
    ['brackets', '['.repeat(100_000)],
    ['braces', 'a: ' + '{'.repeat(100_000)],
    ['indentation', 'a:\n' + Array.from({ length: 1300 }, (_, i) => `${' '.repeat(i + 1)}b:`).join('\n')],
    ['dash indicators', '- '.repeat(100_000)],
  ])('refuses nesting far deeper than any project file (%s) before the parser recurses into it', (_, text) => {
    const result = parseProjectYaml(text);
    expect(result.ok || result.issues).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Nested too deeply/) })]);
  });
});

describe('project name', () => {
  /** Docker's own grammar for one repository path component (distribution/reference). */
  const dockerComponent = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;

  it.each(['iris', 'a', 'iris-numpy-2', 'a--b', '0x', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(projectConfigSchema.shape.name.safeParse(name).success).toBe(true);
    expect(dockerComponent.test(name)).toBe(true);
  });

  it.each(['relprobe-', '-x', 'a_b', 'a.b', 'A', 'a b', '', 'a'.repeat(64), 'é'])('refuses %j and says the rule', (name) => {
    const parsed = projectConfigSchema.shape.name.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(/lowercase letters and digits, joined by dashes, starting and ending with a letter or digit/);
  });
});
