import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase } from '../store/database';
import { DeploymentStore } from './deployment-store';
import { listDeployments, showDeployment } from './deployment-summary';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

describe('deployments list and show (skylift.yaml + a real store)', () => {
  const tempDir = useTempDir();

  function project(deployments: string) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: iris-v2\npython: "3.11"\nframework:\n  name: none\nmodel: model:M\ntargets:\n  aws-lambda: {}\n${deployments}`);
    const store = new DeploymentStore(openDatabase(path.join(tempDir(), 'skylift.db')));
    const release = (name: string, version: string, n: number) =>
      store.record({ projectDir: fs.realpathSync(dir), name, target: 'aws-lambda', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn', version, alias: 'live', imageDigest: digest(n), profileId: 'p', plan: { fingerprint: 'f' }, deployedAt: `2026-12-06T0${n}:00:00.000Z` });
    return { dir, store, release };
  }

  it("lists each deployment with the target's names (function defaults to the project name) and what is live", () => {
    const { dir, store, release } = project('deployments:\n  prod: { target: aws-lambda, profile: work, region: eu-west-1 }\n  staging: { target: aws-lambda, profile: work, region: us-east-1, function: iris-staging, alias: beta }\n');
    release('prod', '1', 1);
    release('prod', '2', 2);
    const list = listDeployments(store, dir);
    expect(list.map((d) => [d.name, d.functionName, d.alias, d.region, d.live?.version ?? null])).toEqual([
      ['prod', 'iris-v2', 'live', 'eu-west-1', '2'],
      ['staging', 'iris-staging', 'beta', 'us-east-1', null],
    ]);
    expect(list[0]!.history).toEqual([]); // history is show's
    expect(list[0]!.live).toEqual({ functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fn', version: '2', imageDigest: digest(2), deployedAt: '2026-12-06T02:00:00.000Z' });
  });

  it('shows one deployment with its releases newest first', () => {
    const { dir, store, release } = project('deployments:\n  prod: { target: aws-lambda, profile: work, region: eu-west-1 }\n');
    release('prod', '1', 1);
    release('prod', '2', 2);
    expect(showDeployment(store, dir, 'prod').history.map((r) => r.version)).toEqual(['2', '1']);
  });

  it('an unknown name lists the ones there are; no deployments is an empty list', () => {
    const { dir, store } = project('deployments:\n  prod: { target: aws-lambda, profile: work, region: eu-west-1 }\n');
    expect(() => showDeployment(store, dir, 'nope')).toThrow(expect.objectContaining({ code: 'DEPLOYMENT_UNKNOWN', message: expect.stringContaining('it has prod') }));
    const bare = project('');
    expect(listDeployments(bare.store, bare.dir)).toEqual([]);
  });
});
