import { describe, expect, it } from 'vitest';
import { projectConfigSchema, targetNameSchema, TARGETS } from '../../../shared/project/schema';
import { DEPLOYABLE_TARGETS, TARGET_INFO, TARGET_LIST, TARGET_NAMES } from '../../../shared/targets';
import { lambdaFunctionName } from './aws-lambda/deployment';
import { targetModule, targetModules, targetNames } from './registry';

describe('the target registry', () => {
  it('has a module for every target name, each naming itself', () => {
    expect(TARGETS).toEqual(TARGET_NAMES);
    expect(targetModules().map((m) => m.info.name)).toEqual([...TARGET_NAMES]);
    for (const name of TARGET_NAMES) {
      const module = targetModule(name);
      expect(module.info).toBe(TARGET_INFO[name]);
      expect(typeof module.preflight).toBe('function');
      expect(typeof module.session.open).toBe('function');
      expect(typeof module.image.gpu).toBe('function');
    }
  });

  it('gives cloud operations exactly to the targets a deployment may name', () => {
    expect(targetModules().filter((m) => m.cloud !== undefined).map((m) => m.info.name)).toEqual([...DEPLOYABLE_TARGETS]);
  });

  it('lists labels and kinds once, for the UI and the deployments schema', () => {
    expect(TARGET_LIST.map((t) => [t.name, t.label, t.kind])).toEqual([
      ['local', 'Local', 'local'],
      ['aws-lambda', 'AWS Lambda', 'cloud'],
      ['azure-functions', 'Azure Functions', 'cloud'],
    ]);
    expect(DEPLOYABLE_TARGETS).toEqual(['aws-lambda']);
  });
});

describe('an aws-lambda deployment', () => {
  it('publishes to its own function name, else the project name', () => {
    const config = projectConfigSchema.parse({ name: 'iris', python: '3.11', framework: { name: 'none' }, model: 'model:M', targets: { 'aws-lambda': {} } });
    expect(lambdaFunctionName(config, { target: 'aws-lambda', profile: 'p', region: 'eu-west-1', alias: 'live' })).toBe('iris');
    expect(lambdaFunctionName(config, { target: 'aws-lambda', profile: 'p', region: 'eu-west-1', function: 'iris-prod', alias: 'live' })).toBe('iris-prod');
  });
});
