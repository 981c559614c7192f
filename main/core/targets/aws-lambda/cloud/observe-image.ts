import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import type { CloudContext } from '../../cloud';
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

/**
 * The local image: its architecture, layers and size (the upper bound of what a push moves), and
 * whether the repository already holds it. The engine remembers the digest it pushed the image
 * under (RepoDigests); the repository is then asked whether it still has that digest.
 */
export async function observeImage(view: LambdaDeploymentView, context: CloudContext, repository: Observed['repository']): Promise<ObservedImage | null> {
  if (!context.localImage) return null;
  const info = await context.docker.getImage(context.localImage.id).inspect();
  const image: ObservedImage = {
    id: context.localImage.id,
    tag: context.localImage.tag,
    architecture: lambdaArchitectureOf(info.Architecture),
    engineArchitecture: info.Architecture,
    layers: info.RootFS?.Layers?.length ?? 0,
    bytes: info.Size,
    pushedDigest: null,
  };
  if (!repository.uri) return image;
  const remembered = (info.RepoDigests ?? []).find((ref) => ref.startsWith(`${repository.uri}@`))?.slice(repository.uri.length + 1);
  if (!remembered) return image;
  return { ...image, pushedDigest: (await repositoryHas(view, context, repository.name, remembered)) ? remembered : null };
}

async function repositoryHas(view: LambdaDeploymentView, context: CloudContext, repositoryName: string, digest: string): Promise<boolean> {
  try {
    const answer = await callAws(() => view.clients.ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageDigest: digest }] })), { step: `DescribeImages ${repositoryName}`, emit: context.emit, signal: context.signal });
    return (answer.imageDetails ?? []).some((detail) => detail.imageDigest === digest);
  } catch (error) {
    if (['ImageNotFoundException', 'RepositoryNotFoundException'].includes(awsErrorFacts(error).name)) return false;
    throw error;
  }
}
