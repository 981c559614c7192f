import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeploymentStore } from '../../main/core/deployments/deployment-store';
import { openDatabase } from '../../main/core/store/database';
import { SkyliftError } from '../../shared/errors';
import { parseProjectYaml } from '../../shared/project/parse';
import { useTempDir } from '../helpers/temp';
import { probeFault } from './fault-log';

const AREA = 'targets';

function must(condition: boolean, unsafe: string): void {
  if (!condition) throw new Error(unsafe);
}

const head = 'name: iris\npython: "3.11"\nframework: { name: none }\nmodel: model:Classifier\ntargets:\n  aws-lambda: {}\n';

/** Malformed per-target settings and deployments: each must become placed issues, never a throw or a pass. */
const BAD_YAML: Array<[string, string]> = [
  ['deployments is a list', `${head}deployments: [prod]\n`],
  ['deployments is a string', `${head}deployments: prod\n`],
  ['a deployment is null', `${head}deployments:\n  prod:\n`],
  ['target is a number', `${head}deployments:\n  prod: { target: 7, profile: p, region: eu-west-1 }\n`],
  ['target is a mapping', `${head}deployments:\n  prod: { target: { name: aws-lambda }, profile: p, region: eu-west-1 }\n`],
  ['target is __proto__', `${head}deployments:\n  prod: { target: __proto__, profile: p, region: eu-west-1 }\n`],
  ['deployment named __proto__', `${head}deployments:\n  __proto__: { target: aws-lambda, profile: p, region: eu-west-1 }\n`],
  ['region is a list', `${head}deployments:\n  prod: { target: aws-lambda, profile: p, region: [eu-west-1] }\n`],
  ['environment is a list', `${head.replace('aws-lambda: {}', 'aws-lambda: { environment: [A, B] }')}`],
  ['environment value is a mapping', `${head.replace('aws-lambda: {}', 'aws-lambda: { environment: { AB: { x: 1 } } }')}`],
  ['environment key is __proto__', `${head.replace('aws-lambda: {}', 'aws-lambda: { environment: { __proto__: x } }')}`],
  ['memoryMb is a huge number', `${head.replace('aws-lambda: {}', 'aws-lambda: { memoryMb: 1e400 }')}`],
];

describe('targets and deployments under malformed input', () => {
  it.each(BAD_YAML)('%s: refused with placed issues', async (name, text) => {
    const record = await probeFault(AREA, name, () => {
      const result = parseProjectYaml(text);
      must(!result.ok, 'accepted a malformed project');
      if (result.ok) return;
      must(result.issues.length > 0 && result.issues.every((i) => i.line >= 1 && i.column >= 1 && i.message.length > 0), `issues without a place: ${JSON.stringify(result.issues)}`);
    });
    expect(record.outcome).toBe('handled');
  });

  it('an environment variable named like an Object member (constructor) is kept as a variable, as Lambda accepts it', async () => {
    const record = await probeFault(AREA, 'environment key constructor', () => {
      const result = parseProjectYaml(head.replace('aws-lambda: {}', 'aws-lambda: { environment: { constructor: x, toString: y } }'));
      must(result.ok, `refused a valid name: ${JSON.stringify(result.ok || result.issues)}`);
      const env: Record<string, string> = (result.ok ? result.config.targets['aws-lambda']?.environment : undefined) ?? {};
      must(Object.hasOwn(env, 'constructor') && Object.hasOwn(env, 'toString') && JSON.stringify(env) === '{"constructor":"x","toString":"y"}', `lost or changed: ${JSON.stringify(env)}`);
    });
    expect(record.outcome).toBe('handled');
  });

  const tempDir = useTempDir();
  it('a hand-damaged deployments row is reported as STORE_CORRUPT, never shown as a fact', async () => {
    const record = await probeFault(AREA, 'damaged deployment row', () => {
      const db = openDatabase(path.join(tempDir(), 'skylift.db'));
      try {
        db.prepare("INSERT INTO deployments (project_dir, name, target, function_arn, version, alias, image_digest, profile_id, plan, deployed_at) VALUES ('/p', 'prod', 'aws-lambda', 'arn', '$LATEST', 'live', 'latest', 'x', '{}', 'yesterday')").run();
        let thrown: unknown;
        try {
          new DeploymentStore(db).list();
        } catch (error) {
          thrown = error;
        }
        must(thrown instanceof SkyliftError && thrown.code === 'STORE_CORRUPT' && Boolean(thrown.hint), `wrong reaction: ${String(thrown)}`);
      } finally {
        db.close();
      }
    });
    expect(record.outcome).toBe('handled');
  });
});
