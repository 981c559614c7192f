import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import { z } from 'zod';
import type { CloudContext } from '../../cloud';
import { LAMBDA_MANIFEST_TYPES } from '../publish/manifest-check';
import type { LambdaDeploymentView } from './lambda-context';
import { callAws } from './retry';

const pinnedUri = /^[^/]+\/(.+)@(sha256:[0-9a-f]{64})$/;
const manifestConfigSchema = z.object({ config: z.object({ digest: z.string().regex(/^sha256:[0-9a-f]{64}$/) }) });

/**
 * The config digest of the image a function runs (`<host>/<repo>@sha256:…` in ECR): what the local
 * image's id is, so a cloud run joins the local runs of the same bytes. The manifest digest cannot:
 * the engine keeps no repo digest once Skylift's push tag is removed. Null when it cannot be read
 * (a bench or verify never fails for want of it).
 */
export async function imageConfigDigest(view: LambdaDeploymentView, context: Pick<CloudContext, 'emit' | 'signal'>, imageUri: string | null): Promise<string | null> {
  const pinned = pinnedUri.exec(imageUri ?? '');
  if (!pinned) return null;
  const [, repositoryName, imageDigest] = pinned;
  try {
    const answer = await callAws(
      () => view.clients.ecr.send(new BatchGetImageCommand({ repositoryName, imageIds: [{ imageDigest }], acceptedMediaTypes: [...LAMBDA_MANIFEST_TYPES] })),
      { step: `BatchGetImage ${repositoryName}`, emit: context.emit, signal: context.signal, deadlineMs: 5_000 },
    );
    const manifest = answer.images?.[0]?.imageManifest;
    if (!manifest) return null;
    const parsed = manifestConfigSchema.safeParse(JSON.parse(manifest));
    return parsed.success ? parsed.data.config.digest : null;
  } catch {
    return null;
  }
}
