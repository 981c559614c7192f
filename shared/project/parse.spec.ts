import { describe, expect, it } from 'vitest';
import { formatIssues, parseProjectYaml } from './parse';

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
});
