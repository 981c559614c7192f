import { BatchGetImageCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { z } from 'zod';
import type { CloudContext } from '../../cloud';
import { LAMBDA_MANIFEST_TYPES } from '../publish/manifest-check';
import type { LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';
import type { Observed, ObservedImage } from './shape';
import { lambdaArchitectureOf } from './wanted';

/** The ECR repository the image goes to, with its URI when it exists (null: it will be created). */
export async function observeRepository(view: LambdaDeploymentView, context: CloudContext, name: string): Promise<Observed['repository']> {
  try {
    const answer = await callAws(() => view.clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })), { step: `DescribeRepositories ${name}`, emit: context.emit, signal: context.signal });
    return { name, uri: answer.repositories?.[0]?.repositoryUri ?? null };
  } catch (error) {
    if (awsErrorFacts(error).name === 'RepositoryNotFoundException') return { name, uri: null };
    throw error;
  }
}

/** The tag a push gives the image in the repository: the local image id's start, so a plan can find it again. */
export const pushTagFor = (imageId: string): string => `skylift-${imageId.replace(/^sha256:/, '').slice(0, 12)}`;

/**
 * The local image: its architecture, layers and size (the upper bound of what a push moves), and
 * whether the repository already holds it: the manifest under its push tag (BatchGetImage) names
 * the local image id as its config digest, so the same image was pushed, whoever moved the tag.
 */
export async function observeImage(view: LambdaDeploymentView, context: CloudContext, repository: Observed['repository']): Promise<ObservedImage | null> {
  if (!context.localImage) return null;
  const info = await context.docker.getImage(context.localImage.id).inspect().catch((error: { statusCode?: number }) => {
    // Removed since the deploy service found it: the plan says to build it, as when it never was.
    if (error.statusCode === 404) return null;
    throw error;
  });
  if (!info) return null;
  const image: ObservedImage = {
    id: info.Id,
    tag: context.localImage.tag,
    architecture: lambdaArchitectureOf(info.Architecture),
    engineArchitecture: info.Architecture,
    layers: info.RootFS?.Layers?.length ?? 0,
    bytes: info.Size,
    pushedDigest: null,
  };
  if (!repository.uri) return image;
  return { ...image, pushedDigest: await pushedDigestOf(view, context, repository.name, image.id) };
}

const manifestConfigSchema = z.object({ config: z.object({ digest: z.string() }) });

async function pushedDigestOf(view: LambdaDeploymentView, context: CloudContext, repositoryName: string, imageId: string): Promise<string | null> {
  const answer = await callAws(
    () => view.clients.ecr.send(new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag: pushTagFor(imageId) }], acceptedMediaTypes: [...LAMBDA_MANIFEST_TYPES] })),
    { step: `BatchGetImage ${repositoryName}`, emit: context.emit, signal: context.signal },
  );
  const found = answer.images?.[0];
  if (!found?.imageManifest || !found.imageId?.imageDigest) return null;
  let manifest: unknown;
  try {
    manifest = JSON.parse(found.imageManifest);
  } catch {
    return null;
  }
  const parsed = manifestConfigSchema.safeParse(manifest);
  return parsed.success && parsed.data.config.digest === imageId ? found.imageId.imageDigest : null;
}
