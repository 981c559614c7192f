import { describe, expect, it } from 'vitest';
import { parseProjectYaml } from './parse';

const project = (deployments: string, targets = '  local: {}\n  aws-lambda: {}\n') => `name: iris
python: "3.11"
framework:
  name: none
model: model:Classifier
targets:
${targets}deployments:
${deployments}`;

const issues = (text: string) => {
  const result = parseProjectYaml(text);
  return result.ok ? [] : result.issues;
};

const prod = '  prod:\n    target: aws-lambda\n    profile: work\n    region: eu-west-1\n    function: iris-prod\n    alias: live\n';

describe('deployments in skylift.yaml', () => {
  it('accepts named deployments: target, profile, region, function, alias', () => {
    const result = parseProjectYaml(project(`${prod}  staging:\n    target: aws-lambda\n    profile: ci@acme\n    region: us-gov-west-1\n`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.deployments).toEqual({
      prod: { target: 'aws-lambda', profile: 'work', region: 'eu-west-1', function: 'iris-prod', alias: 'live' },
      staging: { target: 'aws-lambda', profile: 'ci@acme', region: 'us-gov-west-1', alias: 'live' },
    });
  });

  it('keeps projects without deployments valid', () => {
    expect(parseProjectYaml(project('').replace('deployments:\n', '')).ok).toBe(true);
  });

  it('places bad values at file:line:col', () => {
    expect(issues(project(prod.replace('eu-west-1', 'Europe')))[0]).toMatchObject({ path: 'deployments.prod.region', line: 13, column: 5 });
    expect(issues(project(prod.replace('iris-prod', 'iris.prod')))[0]).toMatchObject({ path: 'deployments.prod.function', line: 14, column: 5 });
    expect(issues(project(prod.replace('alias: live', 'alias: "42"')))[0]).toMatchObject({ path: 'deployments.prod.alias', line: 15, message: expect.stringContaining('version') });
    expect(issues(project(prod.replace('profile: work', 'profile: my work')))[0]).toMatchObject({ path: 'deployments.prod.profile', line: 12 });
    expect(issues(project(prod.replace('  prod:', '  Prod!:')))[0]).toMatchObject({ path: 'deployments.Prod!', line: 10, column: 3 });
  });

  it('refuses a deployment named __proto__ (zod would drop it unchecked), at the key', () => {
    expect(issues(project('  __proto__: { target: aws-lambda, profile: p, region: eu-west-1 }\n'))).toEqual([
      expect.objectContaining({ line: 10, column: 3, message: expect.stringContaining('__proto__') }),
    ]);
  });

  it('refuses an unknown key, at the key', () => {
    expect(issues(project(`${prod}    memoryMb: 512\n`))[0]).toMatchObject({ path: 'deployments.prod', line: 16, column: 5, message: expect.stringContaining('memoryMb') });
  });

  it('refuses a target Skylift cannot publish to, and one that is not a target', () => {
    const azure = issues(project('  prod:\n    target: azure-functions\n    profile: work\n    region: westeurope\n', '  azure-functions: {}\n'));
    expect(azure[0]).toMatchObject({ path: 'deployments.prod.target', line: 10, column: 5, message: 'Skylift cannot publish to azure-functions yet; a deployment\'s target is one of: aws-lambda' });
    expect(issues(project('  prod:\n    target: local\n    profile: work\n'))[0].message).toMatch(/cannot publish to local/);
    expect(issues(project('  prod:\n    target: gcp\n    profile: work\n'))[0].message).toMatch(/Unknown target "gcp"/);
    expect(issues(project('  prod:\n    profile: work\n'))[0]).toMatchObject({ path: 'deployments.prod.target', message: expect.stringContaining('target: aws-lambda') });
  });

  it('needs the variant it publishes among the targets', () => {
    expect(issues(project(prod, '  local: {}\n'))[0]).toMatchObject({ path: 'deployments.prod.target', line: 10, message: expect.stringContaining('add "aws-lambda: {}" under targets') });
  });

  it('reads 1 MiB of bad deployments linearly and lists at most 20 problems (generous deadline: no hang)', () => {
    let text = project('');
    for (let i = 0; text.length < 1024 * 1024 - 60; i++) text += `  d${i}:\n    target: azure-functions\n`;
    const found = issues(text);
    expect(found).toHaveLength(20);
    expect(found[19].message).toMatch(/more problems not listed/);
  }, 60_000);
});
