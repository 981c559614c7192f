import { z } from 'zod';
import { SkyliftError } from '../../../../../shared/errors';
import { PublishErrorCode } from './publish-errors';
import type { RegistryCredentials } from './push-image';
import { registryGet } from './registry-http';

/** The only manifests Lambda runs: one image for one platform. */
export const LAMBDA_MANIFEST_TYPES = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'] as const;
/** What a multi-platform or attested build (buildx --provenance) pushes instead. */
export const INDEX_MANIFEST_TYPES = ['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json'] as const;

/** Lambda's architecture names and the image config's. */
export const lambdaArchitectureSchema = z.enum(['x86_64', 'arm64']);
export type LambdaArchitecture = z.infer<typeof lambdaArchitectureSchema>;
const IMAGE_ARCHITECTURE: Record<LambdaArchitecture, string> = { x86_64: 'amd64', arm64: 'arm64' };

const manifestSchema = z.object({
  mediaType: z.string().optional(),
  config: z.object({ digest: z.string(), mediaType: z.string().optional() }).optional(),
});
const imageConfigSchema = z.object({ architecture: z.string().optional(), os: z.string().optional(), variant: z.string().optional() });

export interface CheckedManifest {
  digest: string;
  mediaType: (typeof LAMBDA_MANIFEST_TYPES)[number];
  configDigest: string;
  /** The image config's architecture (amd64, arm64), when it was read. */
  architecture: string | null;
}

/**
 * The media type of what was pushed, judged as Lambda will: Content-Type first (what the registry
 * serves, as Lambda reads it), the manifest's own mediaType field when the header says nothing.
 */
export function judgeManifest(contentType: string, body: Buffer, imageUri: string): { mediaType: CheckedManifest['mediaType']; configDigest: string } {
  const manifest = parseJson(manifestSchema, body, imageUri);
  const mediaType = contentType && contentType !== 'application/json' ? contentType : (manifest.mediaType ?? '');
  if ((INDEX_MANIFEST_TYPES as readonly string[]).includes(mediaType)) {
    throw new SkyliftError({
      code: PublishErrorCode.ManifestUnsupported,
      message: `Lambda refuses image indexes (media type not supported): ${imageUri} is ${mediaType}, a list of images rather than one image.`,
      hint: 'Rebuild for a single platform without attestations (docker buildx build --platform linux/amd64 --provenance=false --sbom=false, or the classic builder), then publish again.',
      details: { mediaType },
    });
  }
  if (!(LAMBDA_MANIFEST_TYPES as readonly string[]).includes(mediaType) || !manifest.config) {
    throw new SkyliftError({
      code: PublishErrorCode.ManifestUnsupported,
      message: `Lambda does not accept ${imageUri}: its manifest media type "${mediaType || 'none'}" is not supported.`,
      hint: `Lambda takes a Docker v2 schema 2 or OCI image manifest (${LAMBDA_MANIFEST_TYPES.join(', ')}); push with a current Docker engine.`,
      details: { mediaType },
    });
  }
  return { mediaType: mediaType as CheckedManifest['mediaType'], configDigest: manifest.config.digest };
}

/** The image config's architecture against the function's: x86_64 runs amd64 images, arm64 arm64. */
export function judgeArchitecture(configBody: Buffer, wanted: LambdaArchitecture, imageUri: string): string {
  const config = parseJson(imageConfigSchema, configBody, imageUri);
  const architecture = config.architecture ?? 'unknown';
  if (architecture !== IMAGE_ARCHITECTURE[wanted]) {
    throw new SkyliftError({
      code: PublishErrorCode.ManifestArchitectureMismatch,
      message: `${imageUri} is built for ${config.os ?? 'linux'}/${architecture}, but the function runs on ${wanted} (which needs ${IMAGE_ARCHITECTURE[wanted]} images).`,
      hint: `Rebuild the image for linux/${IMAGE_ARCHITECTURE[wanted]}, or set the function's architecture to ${architecture === 'arm64' ? 'arm64' : 'x86_64'} in skylift.yaml.`,
      details: { architecture, wanted },
    });
  }
  return architecture;
}

/**
 * Fetches what was pushed by digest from the registry's API v2 and checks it the way Lambda will,
 * so an index or a wrong architecture is refused here, with a way out, before CreateFunction.
 */
export async function checkPushedManifest(options: {
  registry: RegistryCredentials;
  repository: string;
  digest: string;
  architecture?: LambdaArchitecture;
  signal?: AbortSignal;
}): Promise<CheckedManifest> {
  const { registry, repository, digest, architecture, signal } = options;
  const imageUri = `${registry.host}/${repository}@${digest}`;
  const accept = [...LAMBDA_MANIFEST_TYPES, ...INDEX_MANIFEST_TYPES];
  const read = (path: string, types: string[]) =>
    registryGet(registry, path, types, signal).catch((e: unknown) => {
      if (signal?.aborted) throw e;
      return unreadable(imageUri, e);
    });
  const manifest = await read(`/v2/${repository}/manifests/${digest}`, accept);
  if (manifest.status !== 200) unreadable(imageUri, `the registry answered ${manifest.status}`);
  const judged = judgeManifest(manifest.contentType, manifest.body, imageUri);
  if (!architecture) return { digest, ...judged, architecture: null };
  const config = await read(`/v2/${repository}/blobs/${judged.configDigest}`, ['*/*']);
  if (config.status !== 200) unreadable(imageUri, `the registry answered ${config.status} for the image config`);
  return { digest, ...judged, architecture: judgeArchitecture(config.body, architecture, imageUri) };
}

function unreadable(imageUri: string, cause: unknown): never {
  const why = cause instanceof Error ? cause.message : String(cause);
  throw new SkyliftError({
    code: PublishErrorCode.ManifestUnreadable,
    message: `Could not read back the pushed manifest of ${imageUri}: ${why}.`,
    hint: 'Check that the registry is reachable from this computer with the same credentials, then publish again (the layers are already pushed).',
  });
}

function parseJson<T>(schema: z.ZodType<T>, body: Buffer, imageUri: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    unreadable(imageUri, 'the registry answered something that is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) unreadable(imageUri, 'the registry answered JSON that is not a manifest');
  return parsed.data;
}
