import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { GetFunctionCommand, ListAliasesCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import type { CloudContext } from '../../cloud';
import { ecrRepositoryNameFor } from '../publish/ecr-repository-name';
import type { LambdaDeploymentView } from './lambda-context';
import { allPages, awsErrorName, isNotFound, stepCaller } from './verify-aws-calls';

/** What a destroy would touch, as observed; everything the plan's lines and its fingerprint come from. */
export interface DestroyObservation {
  functionName: string;
  fn: {
    arn: string;
    revisionId: string;
    imageUri: string | null;
    /** The repository path of the image $LATEST runs (host and digest/tag stripped), to tell Skylift's functions from others. */
    imageRepository: string | null;
    /** The digest $LATEST runs. */
    imageDigest: string | null;
    role: string | null;
    /** The function's tags as GetFunction answered them (null when it answered none). */
    tags: Record<string, string> | null;
    /** Why Lambda could not answer the tags (GetFunction's TagsError, e.g. no lambda:ListTags permission). */
    tagsError: string | null;
  } | null;
  aliases: Array<{ name: string; version: string; revisionId: string }>;
  /** Published versions (not $LATEST), oldest first, with the image digest each runs. */
  versions: Array<{ version: string; imageDigest: string | null }>;
  /** Skylift's ECR repository for the project (the one publishing pushes to). */
  repositoryName: string;
  /** Only when images were asked for: null when the repository does not exist. */
  repository: { images: Array<{ digest: string; tags: string[] }> } | null | undefined;
}

/** The repository part of an image URI: "123.dkr.ecr.eu-west-1.amazonaws.com/team/iris@sha256:…" → "team/iris". */
export function repositoryOfImageUri(uri: string): string | null {
  const slash = uri.indexOf('/');
  if (slash < 0) return null;
  return uri.slice(slash + 1).replace(/@.*$/, '').replace(/:[^/:]*$/, '') || null;
}

/** For container images Lambda's CodeSha256 is the manifest digest's hex; a zip's base64 hash gives null. */
export const digestOfCodeSha = (codeSha256: string | undefined) => (codeSha256 && /^[0-9a-f]{64}$/.test(codeSha256) ? `sha256:${codeSha256}` : null);

export async function observeForDestroy(view: LambdaDeploymentView, context: CloudContext, options: { images: boolean }): Promise<DestroyObservation> {
  const call = stepCaller(context);
  const lambda = view.clients.lambda;
  const FunctionName = view.functionName;
  const repositoryName = ecrRepositoryNameFor(context.config.name);
  const got = await call(`GetFunction ${FunctionName}`, () => lambda.send(new GetFunctionCommand({ FunctionName })).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error))));
  const repository = options.images ? await observeRepositoryImages(view, context, repositoryName) : undefined;
  if (!got) return { functionName: FunctionName, fn: null, aliases: [], versions: [], repositoryName, repository };

  const config = got.Configuration ?? {};
  const imageUri = got.Code?.ResolvedImageUri ?? got.Code?.ImageUri ?? null;
  const aliases = await allPages(
    (Marker) => call(`ListAliases ${FunctionName}`, () => lambda.send(new ListAliasesCommand({ FunctionName, Marker, MaxItems: 50 }))),
    (page) => page.Aliases,
    (page) => page.NextMarker,
  );
  const versions = await allPages(
    (Marker) => call(`ListVersionsByFunction ${FunctionName}`, () => lambda.send(new ListVersionsByFunctionCommand({ FunctionName, Marker, MaxItems: 50 }))),
    (page) => page.Versions,
    (page) => page.NextMarker,
  );
  return {
    functionName: FunctionName,
    fn: {
      arn: config.FunctionArn ?? '',
      revisionId: config.RevisionId ?? '',
      imageUri,
      imageRepository: imageUri ? repositoryOfImageUri(imageUri) : null,
      imageDigest: /@(sha256:[0-9a-f]{64})$/.exec(imageUri ?? '')?.[1] ?? digestOfCodeSha(config.CodeSha256),
      role: config.Role ?? null,
      tags: got.Tags && Object.keys(got.Tags).length ? { ...got.Tags } : null,
      tagsError: got.TagsError ? `${got.TagsError.ErrorCode ?? 'TagsError'}: ${got.TagsError.Message ?? ''}`.trim() : null,
    },
    aliases: aliases.map((a) => ({ name: a.Name ?? '', version: a.FunctionVersion ?? '', revisionId: a.RevisionId ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
    versions: versions
      .filter((v) => v.Version && v.Version !== '$LATEST')
      .map((v) => ({ version: v.Version!, imageDigest: digestOfCodeSha(v.CodeSha256) }))
      .sort((a, b) => Number(a.version) - Number(b.version)),
    repositoryName,
    repository,
  };
}

/** The digests a function runs ($LATEST and every published version); none when it does not exist. */
export async function observeRunningDigests(view: LambdaDeploymentView, context: CloudContext, FunctionName: string): Promise<string[]> {
  const call = stepCaller(context);
  let missing = false;
  const versions = await allPages(
    (Marker) =>
      call(`ListVersionsByFunction ${FunctionName}`, () =>
        view.clients.lambda.send(new ListVersionsByFunctionCommand({ FunctionName, Marker, MaxItems: 50 })).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
          missing = true;
          return null;
        }),
      ),
    (page) => page?.Versions,
    (page) => page?.NextMarker,
  );
  if (missing) return [];
  return versions.map((v) => digestOfCodeSha(v.CodeSha256)).filter((d): d is string => d !== null);
}

/** Every image in the repository by digest with its tags; null when there is no repository. */
async function observeRepositoryImages(view: LambdaDeploymentView, context: CloudContext, repositoryName: string): Promise<DestroyObservation['repository']> {
  const call = stepCaller(context);
  let missing = false;
  const details = await allPages(
    (nextToken) =>
      call(`DescribeImages ${repositoryName}`, () =>
        view.clients.ecr.send(new DescribeImagesCommand({ repositoryName, nextToken, maxResults: 1000 })).catch((error: unknown) => {
          if (awsErrorName(error) !== 'RepositoryNotFoundException') throw error;
          missing = true;
          return null;
        }),
      ),
    (page) => page?.imageDetails,
    (page) => page?.nextToken,
  );
  if (missing) return null;
  return {
    images: details
      .filter((d) => d.imageDigest)
      .map((d) => ({ digest: d.imageDigest!, tags: [...(d.imageTags ?? [])].sort() }))
      .sort((a, b) => a.digest.localeCompare(b.digest)),
  };
}
