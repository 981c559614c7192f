import { CreateRepositoryCommand, DescribeRepositoriesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext } from '../../cloud';
import { checkPushedManifest, type LambdaArchitecture } from '../publish/manifest-check';
import { pushImage, type RegistryCredentials } from '../publish/push-image';
import type { LambdaDeploymentView } from './lambda-context';
import { pushTagFor } from './observe-image';
import { awsErrorFacts, callAws } from './retry';
import type { ObservedImage } from './shape';

/** Creates the repository ("already exists" is success) and answers its URI. */
export async function ensureRepository(view: LambdaDeploymentView, context: CloudContext, name: string): Promise<string> {
  const options = { emit: context.emit, signal: context.signal };
  try {
    const created = await callAws(() => view.clients.ecr.send(new CreateRepositoryCommand({ repositoryName: name })), { ...options, step: `CreateRepository ${name}` });
    context.emit({ type: 'log', stream: 'info', line: `Created repository ${created.repository?.repositoryUri ?? name}` });
    if (created.repository?.repositoryUri) return created.repository.repositoryUri;
  } catch (error) {
    if (awsErrorFacts(error).name !== 'RepositoryAlreadyExistsException') throw error;
    context.emit({ type: 'log', stream: 'info', line: `Repository ${name} already exists` });
  }
  const described = await callAws(() => view.clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })), { ...options, step: `DescribeRepositories ${name}` });
  const uri = described.repositories?.[0]?.repositoryUri;
  if (!uri) throw new SkyliftError({ code: 'AWS_UNEXPECTED', message: `ECR did not say where repository ${name} is (no repositoryUri).`, hint: 'Publish again; if it persists, check the repository in the ECR console.' });
  return uri;
}

/** ECR's token as the registry's basic credentials (user AWS, 12 hours). */
async function registryLogin(view: LambdaDeploymentView, context: CloudContext): Promise<RegistryCredentials> {
  const answer = await callAws(() => view.clients.ecr.send(new GetAuthorizationTokenCommand({})), { step: 'GetAuthorizationToken', emit: context.emit, signal: context.signal });
  const data = answer.authorizationData?.[0];
  const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  let host = '';
  try {
    host = new URL(data?.proxyEndpoint ?? '').host;
  } catch {
    // Left empty: refused below with what ECR answered missing.
  }
  if (split < 1 || !host) throw new SkyliftError({ code: 'AWS_UNEXPECTED', message: 'ECR answered GetAuthorizationToken without a usable token or registry address.', hint: 'Publish again; check that the profile may call ecr:GetAuthorizationToken.' });
  return { host, username: decoded.slice(0, split), password: decoded.slice(split + 1) };
}

/**
 * Pushes the local image to the repository (unless it already holds it) and checks what the
 * registry stores the way Lambda will: one image, a supported media type, the right architecture.
 * Answers the manifest digest the function is pinned to.
 */
export async function pushAndCheck(view: LambdaDeploymentView, context: CloudContext, image: ObservedImage, repositoryUri: string, architecture: LambdaArchitecture): Promise<{ digest: string; imageUri: string }> {
  const registry = await registryLogin(view, context);
  const repository = repositoryUri.startsWith(`${registry.host}/`) ? repositoryUri.slice(registry.host.length + 1) : repositoryUri.split('/').slice(1).join('/');
  let digest = image.pushedDigest;
  if (digest) {
    context.emit({ type: 'log', stream: 'info', line: `The repository already holds this image (${digest}): nothing to push` });
  } else {
    const pushed = await pushImage({
      docker: context.docker,
      image: image.id,
      registry,
      repository,
      tag: pushTagFor(image.id),
      signal: context.signal,
      onEvent: context.emit,
    });
    // pushImage's last log line says what was pushed and what the registry already had.
    digest = pushed.digest;
  }
  await checkPushedManifest({ registry, repository, digest, architecture, signal: context.signal });
  return { digest, imageUri: `${repositoryUri}@${digest}` };
}
