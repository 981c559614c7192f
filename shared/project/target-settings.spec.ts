import { describe, expect, it } from 'vitest';
import { parseProjectYaml } from './parse';
import { awsLambdaSettingsSchema, azureFunctionsSettingsSchema, LAMBDA_ENV_MAX_BYTES, localSettingsSchema } from './target-settings';

const project = (targets: string) => `name: iris
python: "3.11"
framework:
  name: none
model: model:Classifier
targets:
${targets}`;

const issues = (text: string) => {
  const result = parseProjectYaml(text);
  return result.ok ? [] : result.issues;
};

describe('aws-lambda settings', () => {
  it('takes what the function is: memory, timeout, architecture, ephemeral storage, environment', () => {
    const parsed = awsLambdaSettingsSchema.parse({ memoryMb: 2048, timeoutSeconds: 900, architecture: 'arm64', ephemeralStorageMb: 10240, environment: { MODEL_THREADS: '2', log_level: 'info' } });
    expect(parsed).toMatchObject({ memoryMb: 2048, ephemeralStorageMb: 10240, environment: { MODEL_THREADS: '2' } });
  });

  it('refuses values outside Lambda\'s ranges, at the line and column of the field', () => {
    for (const [field, value] of [['memoryMb', 127], ['memoryMb', 10241], ['timeoutSeconds', 901], ['timeoutSeconds', 0], ['ephemeralStorageMb', 511], ['ephemeralStorageMb', 10241]] as const) {
      const found = issues(project(`  aws-lambda:\n    ${field}: ${value}\n`));
      expect(found).toEqual([expect.objectContaining({ path: `targets.aws-lambda.${field}`, line: 8, column: 5 })]);
    }
    expect(issues(project('  aws-lambda:\n    architecture: x86\n'))[0]).toMatchObject({ path: 'targets.aws-lambda.architecture', line: 8 });
  });

  it('refuses environment names Lambda refuses: its own variables, bad names, more than 4 KB in all', () => {
    const reserved = issues(project('  aws-lambda:\n    environment:\n      AWS_REGION: eu-west-1\n'));
    expect(reserved[0]).toMatchObject({ path: 'targets.aws-lambda.environment.AWS_REGION', line: 9, column: 7, message: expect.stringContaining('set by Lambda itself') });
    expect(issues(project('  aws-lambda:\n    environment:\n      1BAD: x\n'))[0]).toMatchObject({ path: 'targets.aws-lambda.environment.1BAD', line: 9 });
    expect(issues(project('  aws-lambda:\n    environment:\n      X: x\n'))[0].message).toMatch(/2\+ characters/);
    const big = issues(project(`  aws-lambda:\n    environment:\n      BIG: "${'x'.repeat(LAMBDA_ENV_MAX_BYTES)}"\n`));
    expect(big[0]).toMatchObject({ path: 'targets.aws-lambda.environment', message: expect.stringContaining('4096') });
    expect(issues(project('  aws-lambda:\n    environment:\n      N: 3\n'))).not.toEqual([]);
  });

  it('checks a 1 MiB environment map in one pass: one issue, the total size (generous deadline: no hang)', () => {
    let text = project('  aws-lambda:\n    environment:\n');
    for (let i = 0; text.length < 1024 * 1024 - 40; i++) text += `      V${i}: x\n`;
    const found = issues(text);
    expect(found).toEqual([expect.objectContaining({ path: 'targets.aws-lambda.environment', message: expect.stringContaining('Lambda allows 4096') })]);
  }, 60_000);

  it('refuses a key it does not know, at the key', () => {
    expect(issues(project('  aws-lambda:\n    memoryMB: 512\n'))[0]).toMatchObject({ path: 'targets.aws-lambda', line: 8, column: 5, message: expect.stringContaining('memoryMB') });
  });
});

describe('local and azure-functions settings', () => {
  it('take the container\'s image choices, memory limit and request deadline', () => {
    for (const schema of [localSettingsSchema, azureFunctionsSettingsSchema]) {
      expect(schema.parse({ baseImage: 'python:3.12-slim', gpu: true, architecture: 'arm64', memoryMb: 512, timeoutSeconds: 5 })).toMatchObject({ memoryMb: 512 });
      expect(schema.safeParse({ timeoutSeconds: 901 }).success).toBe(false);
    }
  });

  it('refuse Lambda-only fields, which mean nothing there', () => {
    expect(issues(project('  local:\n    ephemeralStorageMb: 1024\n'))[0]).toMatchObject({ path: 'targets.local', line: 8, message: expect.stringContaining('ephemeralStorageMb') });
    expect(issues(project('  azure-functions:\n    environment: {}\n'))[0]).toMatchObject({ path: 'targets.azure-functions', line: 8, message: expect.stringContaining('environment') });
  });
});
