import Dockerode from 'dockerode';
import fs from 'node:fs';
import path from 'node:path';
import { GetAliasCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentSummary, DeployPlan, DeployResult, VerifyResult } from '../../shared/contract/deploy';
import type { BenchRun } from '../../shared/contract/runs';
import type { CliResult } from '../helpers/cli';
import { type CliDeployWorld, startCliDeployWorld } from './cli-deploy-world';

/**
 * `skylift deploy`, `deployments`, `verify`, `rollback` and `destroy` as a user runs them (built
 * CLI: npm run build first) against the AWS doubles: the plan first and nothing changed by it, a
 * plan that needs a yes refused without a terminal, a publish that creates the role and waits out
 * its propagation, a verify against the local variant, a rollback, and a destroy after its plan.
 * The steps run in order: each starts from what the one before left in the (doubles') cloud.
 */
let w: CliDeployWorld;
const value = <T>(result: CliResult): T => (JSON.parse(result.stdout) as { value: T }).value;
const lambda = () => new LambdaClient({ region: w.doubles.region, endpoint: w.doubles.lambda!.url, credentials: { accessKeyId: w.doubles.key.accessKeyId, secretAccessKey: w.doubles.key.secretAccessKey }, maxAttempts: 1 });
const functionExists = async () => {
  const client = lambda();
  try {
    return await client.send(new GetFunctionCommand({ FunctionName: w.name })).then(() => true, (e: Error) => (e.name === 'ResourceNotFoundException' ? false : Promise.reject(e)));
  } finally {
    client.destroy();
  }
};
const aliasVersion = async () => {
  const client = lambda();
  try {
    return (await client.send(new GetAliasCommand({ FunctionName: w.name, Name: 'live' }))).FunctionVersion;
  } finally {
    client.destroy();
  }
};
const show = async () => value<DeploymentSummary>(await w.cli(['deployments', 'show', w.dir, 'prod', '--json']));

beforeAll(async () => {
  w = await startCliDeployWorld(`cli-deploy-${process.pid}`);
}, 900_000);
afterAll(async () => {
  await w?.close();
});

describe('skylift deploy and friends (built CLI, AWS doubles, real engine and registry)', { timeout: 240_000 }, () => {
  it('lists the deployment from skylift.yaml as not published', async () => {
    const listed = await w.cli(['deployments', 'list', w.dir, '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(value<DeploymentSummary[]>(listed)).toEqual([expect.objectContaining({ name: 'prod', target: 'aws-lambda', region: 'us-east-1', functionName: w.name, alias: 'live', live: null })]);
    expect((await w.cli(['deployments', 'list', w.dir])).stdout).toMatch(new RegExp(`^prod .*${w.name}:live\\s+not published`, 'm'));
  });

  it('--plan prints the plan terraform-style and exits 0, changing nothing', async () => {
    const planned = await w.cli(['deploy', w.dir, '--plan', '--create-role']);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`Deployment prod: function ${w.name}, alias live, us-east-1 (account ${w.doubles.key.account}, profile doubles)`);
    expect(planned.stdout).toMatch(new RegExp(`^\\+ create function ${w.name}`, 'm'));
    expect(planned.stdout).toMatch(/^\+ create role skylift-cli-deploy-\d+/m);
    expect(planned.stdout).toMatch(/^\+ publish version: 1$/m);
    expect(planned.stdout).toMatch(/^Push \d+ of \d+ layers, up to .* (KiB|MiB)/m);
    expect(await functionExists()).toBe(false);
    expect((await show()).live).toBeNull();
  });

  it('a plan that needs an execution role is refused before anything, naming --create-role and --role, even with --yes', async () => {
    const refused = await w.cli(['deploy', w.dir, 'prod', '--yes']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error: This plan needs an execution role for the function, and none is given.');
    expect(refused.stderr).toMatch(/^hint: Run again with --create-role \(Skylift creates skylift-\S+\) or --role arn:aws:iam::ACCOUNT:role\/NAME/m);
    const asJson = await w.cli(['deploy', w.dir, 'prod', '--json']);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, error: { details: { plan: { roleNeeded: { createName: expect.stringMatching(/^skylift-/) } } } } });
    expect(await functionExists()).toBe(false);
  });

  it('without a terminal and without --yes, exits 2 and says how to agree; nothing is created', async () => {
    const refused = await w.cli(['deploy', w.dir, 'prod', '--create-role']);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(/^\+ create function/m); // the plan it would have applied is shown
    expect(refused.stderr).toContain('error: This plan needs confirmation: run again with --yes.');
    expect(refused.stderr).toMatch(/^hint: /m);
    const asJson = await w.cli(['deploy', w.dir, 'prod', '--create-role', '--json']);
    expect(asJson.status).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED', details: { plan: { deployment: 'prod', changes: true } } } });
    expect(await functionExists()).toBe(false);
  });

  it('on a terminal, asks "Apply this plan? [y/N]"; anything but yes applies nothing', async () => {
    const declined = await w.cliInTerminal(['deploy', w.dir, 'prod', '--create-role'], 'n\n');
    expect(declined.stdout).toContain('Apply this plan? [y/N]');
    expect(declined.stdout).toContain('Not applied: nothing was changed.');
    expect(declined.status).toBe(1);
    expect(await functionExists()).toBe(false);
  });

  it('--yes publishes version 1 behind the alias, showing the steps and the role propagation wait; deployments show lists it', async () => {
    // IAM has not propagated the new role to Lambda until the CLI has shown the wait.
    const roleArn = `arn:aws:iam::${w.doubles.key.account}:role/skylift-${w.name}`;
    w.lambda.refuseRole(roleArn);
    const published = await w.cli(['deploy', w.dir, 'prod', '--create-role', '--yes'], { onStderr: (soFar) => /role has not reached Lambda yet/.test(soFar) && w.lambda.acceptRole(roleArn) });
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toContain('Published prod: version 1 behind alias live');
    expect(published.stderr).toMatch(/^\[\d+\/\d+\] /m);
    expect(published.stderr).toMatch(/role has not reached Lambda yet/);
    expect(await aliasVersion()).toBe('1');
    const summary = await show();
    expect(summary.live).toMatchObject({ version: '1', imageDigest: expect.stringMatching(/^sha256:/), functionArn: expect.stringContaining(`:function:${w.name}`) });
    expect(summary.history.map((r) => r.version)).toEqual(['1']);
  });

  it('a second plan has nothing to change and exits 0', async () => {
    const again = await w.cli(['deploy', w.dir, '--json']);
    expect(again.status, again.stdout).toBe(0);
    expect(value<{ plan: DeployPlan; result: DeployResult | null }>(again)).toMatchObject({ plan: { changes: false }, result: null });
  });

  it('verify passes against the local variant and stores a verify run of the live digest', async () => {
    const verified = await w.cli(['verify', w.dir, 'prod', '--json']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    const result = value<VerifyResult>(verified);
    expect(result).toMatchObject({ ok: true, version: '1', localBody: expect.stringContaining('hello'), runId: expect.any(String) });
    expect(result.checks.every((c) => c.status !== 'fail')).toBe(true);
    const run = value<BenchRun>(await w.cli(['runs', 'show', result.runId!, '--json']));
    expect(run).toMatchObject({ runKind: 'verify', state: 'complete', target: { kind: 'cloud', deployment: 'prod', target: 'aws-lambda', version: '1' }, imageDigest: { digest: (await show()).live!.imageDigest } });
    const human = await w.cli(['verify', w.dir]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Verified prod: version 1/m);
    expect(human.stdout).toMatch(/^ {2}PASS /m);
  });

  it('bench --deployment measures the alias in the cloud and stores a cloud run of the live digest', async () => {
    const benched = await w.cli(['bench', w.dir, '--deployment', 'prod', '--requests', '3', '--warmup', '1', '--json']);
    expect(benched.status, benched.stdout + benched.stderr).toBe(0);
    const { run } = value<{ run: BenchRun }>(benched);
    expect(run).toMatchObject({ runKind: 'bench', state: 'complete', target: { kind: 'cloud', deployment: 'prod', version: '1' }, imageDigest: { digest: (await show()).live!.imageDigest } });
    expect(run.summary?.warm?.count).toBe(3);
    // The pushed manifest's config digest is the local image's id: the cloud run joins the local runs of the same bytes.
    const local = (await new Dockerode().getImage(`skylift/${w.name}:aws-lambda`).inspect()).Id;
    expect(run.imageId).toBe(local);
  });

  it('a changed setting plans as before → after and publishes version 2', async () => {
    w.setYaml((yaml) => yaml.replace('memoryMb: 512', 'memoryMb: 1024'));
    const planned = await w.cli(['deploy', w.dir, '--plan']);
    expect(planned.stdout).toMatch(/^~ update memory \(MB\): 512 → 1024$/m);
    const published = await w.cli(['deploy', w.dir, '--yes']);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/the alias was at version 1; go back with: skylift rollback/);
    expect(await aliasVersion()).toBe('2');
  });

  it('a verify that fails (a payload file the function raises on) prints each check and exits 1; the alias stays', async () => {
    const file = path.join(w.dir, '..', 'raise.json');
    fs.writeFileSync(file, '{"raise": "boom"}');
    const failed = await w.cli(['verify', w.dir, 'prod', '--payload', file]);
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/^Verification FAILED for prod: version 2/m);
    expect(failed.stdout).toMatch(/^ {2}FAIL /m);
    expect(failed.stdout).toMatch(/skylift rollback/);
    expect(await aliasVersion()).toBe('2');
  });

  it('rollback points the alias back at version 1', async () => {
    const rolled = await w.cli(['rollback', w.dir, 'prod']);
    expect(rolled.status, rolled.stderr).toBe(0);
    expect(rolled.stdout).toContain('Rolled back prod: alias live 2 → 1');
    expect(await aliasVersion()).toBe('1');
    expect((await show()).live?.version).toBe('1');
  });

  it('destroy shows its plan, needs a yes, then removes the function and forgets the deployment', async () => {
    const refused = await w.cli(['destroy', w.dir, 'prod']);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toMatch(new RegExp(`^- delete function ${w.name}`, 'm'));
    expect(await functionExists()).toBe(true);
    const destroyed = await w.cli(['destroy', w.dir, 'prod', '--yes', '--json']);
    expect(destroyed.status, destroyed.stdout + destroyed.stderr).toBe(0);
    expect(value<{ result: { deleted: string[] } }>(destroyed).result.deleted.length).toBeGreaterThan(0);
    expect(await functionExists()).toBe(false);
    expect((await show()).live).toBeNull();
  });
});
