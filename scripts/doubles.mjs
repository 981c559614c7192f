// `npm run doubles`: the loopback AWS doubles (STS, ECR with a real docker-registry behind it,
// IAM, and Lambda when test/doubles/aws-lambda.ts exists) started on their own, so anyone can
// try the publish flow offline by hand. The doubles are TypeScript test code: esbuild bundles
// them into node_modules/.cache (inside the repository, so their packages resolve) and Node runs that.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const outdir = path.join(root, 'node_modules', '.cache', 'skylift-doubles');
const withLambda = fs.existsSync('test/doubles/aws-lambda.ts');
// Invoke runs the pushed image for real when the Docker runner is in the tree too.
const withRunner = withLambda && fs.existsSync('test/doubles/aws-lambda-docker-runner.ts');
const entryPoints = {
  'aws-doubles': 'test/doubles/aws-doubles.ts',
  ...(withLambda ? { 'aws-lambda': 'test/doubles/aws-lambda.ts' } : {}),
  ...(withRunner ? { 'aws-lambda-docker-runner': 'test/doubles/aws-lambda-docker-runner.ts', 'registry-pull': 'test/doubles/registry-pull.ts' } : {}),
};
await build({ entryPoints, outdir, bundle: true, splitting: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', outExtension: { '.js': '.mjs' }, logLevel: 'warning' });

const { startAwsDoubles, profileCommand, lambdaOptions } = await import(pathToFileURL(path.join(outdir, 'aws-doubles.mjs')).href);
const startLambda = withLambda ? await lambdaStarter() : undefined;
// The registry is a process of its own: if it dies, say so rather than let pushes fail unexplained.
const doubles = await startAwsDoubles({ startLambda, onRegistryExit: (why) => console.error(`registry: ${why}; ECR answers ServerException until npm run doubles is restarted`) });

for (const [name, url] of doubles.endpoints()) console.log(`${name.padEnd(8)} ${url}`);
if (!withLambda) console.log('lambda   (not started: test/doubles/aws-lambda.ts is not in this tree)');
else if (!withRunner) console.log('lambda   answers the control plane; Invoke needs test/doubles/aws-lambda-docker-runner.ts');
console.log(`\ntest key ${doubles.key.accessKeyId} (account ${doubles.key.account}, region ${doubles.region}); registry login: ${doubles.registry.username} / the password GetAuthorizationToken hands out`);
// Publishing may create the execution role, so the profile reaches the IAM double too.
console.log(`\nAdd a Skylift profile that uses them:\n  ${profileCommand(doubles, { iamEndpoint: true })}`);
console.log(`\nOr drive them with the AWS CLI:\n  AWS_ACCESS_KEY_ID=${doubles.key.accessKeyId} AWS_SECRET_ACCESS_KEY=${doubles.key.secretAccessKey} aws ecr describe-repositories --region ${doubles.region} --endpoint-url ${doubles.ecr.url}`);
console.log('\nRunning until Ctrl-C.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await doubles.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** The Lambda double, given the registry and IAM double it depends on; Invoke pulls from the registry and runs in the engine. */
async function lambdaStarter() {
  const bundled = (name) => import(pathToFileURL(path.join(outdir, `${name}.mjs`)).href);
  const { startLambdaDouble } = await bundled('aws-lambda');
  if (!withRunner) return (deps) => startLambdaDouble(lambdaOptions(deps));
  const [{ dockerLambdaRunner }, { pullFromRegistry }, { default: Dockerode }] = await Promise.all([bundled('aws-lambda-docker-runner'), bundled('registry-pull'), import('dockerode')]);
  return async (deps) => {
    const docker = new Dockerode();
    const runner = dockerLambdaRunner(docker, { locateImage: pullFromRegistry(docker, deps.registry) });
    const lambda = await startLambdaDouble({ ...lambdaOptions(deps), invoke: runner.invoke });
    return { url: lambda.url, close: async () => { await lambda.close(); await runner.close(); } };
  };
}
