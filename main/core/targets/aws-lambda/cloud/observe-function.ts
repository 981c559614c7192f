import { GetAliasCommand, GetFunctionCommand, ListVersionsByFunctionCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { CloudContext } from '../../cloud';
import type { LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';
import { shapeOf, type Observed, type ObservedVersion } from './shape';

const notFound = (error: unknown) => awsErrorFacts(error).name === 'ResourceNotFoundException';

/** The function ($LATEST), its published versions and the deployment's alias; all null/empty when there is no function. */
export async function observeFunction(view: LambdaDeploymentView, context: CloudContext): Promise<Pick<Observed, 'fn' | 'alias' | 'versions'>> {
  const options = { emit: context.emit, signal: context.signal };
  const name = view.functionName;
  let got;
  try {
    got = await callAws(() => view.clients.lambda.send(new GetFunctionCommand({ FunctionName: name })), { ...options, step: `GetFunction ${name}` });
  } catch (error) {
    if (notFound(error)) return { fn: null, alias: null, versions: [] };
    throw error;
  }
  const config = got.Configuration ?? {};
  const fn = {
    arn: config.FunctionArn ?? '',
    packageType: config.PackageType ?? 'Zip',
    revisionId: config.RevisionId ?? '',
    codeSha256: config.CodeSha256 ?? '',
    imageUri: got.Code?.ImageUri ?? null,
    state: config.State ?? 'Unknown',
    lastUpdateStatus: config.LastUpdateStatus ?? 'Unknown',
    shape: shapeOf(config),
  };
  let alias: Observed['alias'] = null;
  try {
    const answer = await callAws(() => view.clients.lambda.send(new GetAliasCommand({ FunctionName: name, Name: view.alias })), { ...options, step: `GetAlias ${name}:${view.alias}` });
    alias = { version: answer.FunctionVersion ?? '', revisionId: answer.RevisionId ?? '' };
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  return { fn, alias, versions: await listVersions(view, context) };
}

/** Every published version, page by page (Lambda answers 50 at most per page). */
async function listVersions(view: LambdaDeploymentView, context: CloudContext): Promise<ObservedVersion[]> {
  const versions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => view.clients.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: view.functionName, Marker: marker })), {
      step: `ListVersionsByFunction ${view.functionName}`,
      emit: context.emit,
      signal: context.signal,
    });
    versions.push(...(page.Versions ?? []));
    marker = page.NextMarker;
  } while (marker);
  return versions
    .filter((v) => v.Version && v.Version !== '$LATEST')
    .map((v) => ({ version: v.Version!, codeSha256: v.CodeSha256 ?? '', shape: shapeOf(v) }))
    .sort((a, b) => Number(a.version) - Number(b.version));
}
