import { SkyliftError } from '../../../../../shared/errors';

export const PublishErrorCode = {
  PushUnauthorized: 'PUSH_UNAUTHORIZED',
  PushRepositoryUnknown: 'PUSH_REPOSITORY_UNKNOWN',
  PushRegistryUnreachable: 'PUSH_REGISTRY_UNREACHABLE',
  PushStalled: 'PUSH_STALLED',
  PushFailed: 'PUSH_FAILED',
  PushImageMissing: 'PUSH_IMAGE_MISSING',
  ManifestUnsupported: 'MANIFEST_MEDIA_TYPE_UNSUPPORTED',
  ManifestArchitectureMismatch: 'MANIFEST_ARCHITECTURE_MISMATCH',
  ManifestUnreadable: 'MANIFEST_UNREADABLE',
  RepositoryNameInvalid: 'ECR_REPOSITORY_NAME_INVALID',
} as const;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The engine's error line from a push, in words the user can act on. The engine's own text is kept
 * in details (it is already free of the password: the engine never echoes credentials).
 */
export function pushFailed(engineMessage: string, target: string): SkyliftError {
  const details = { engineMessage, target };
  if (/unauthorized|authentication required|no basic auth credentials|denied: (?:your authorization token|not authorized)/i.test(engineMessage)) {
    return new SkyliftError({
      code: PublishErrorCode.PushUnauthorized,
      message: `The registry refused the credentials for ${target}.`,
      hint: "For ECR the token from GetAuthorizationToken lasts 12 hours: publish again to fetch a fresh one; check that the profile's identity may call ecr:InitiateLayerUpload and ecr:PutImage on this repository.",
      details,
    });
  }
  if (/name unknown|repository .* does not exist|NAME_UNKNOWN/i.test(engineMessage)) {
    return new SkyliftError({
      code: PublishErrorCode.PushRepositoryUnknown,
      message: `The registry has no repository for ${target}.`,
      hint: 'Create the ECR repository first (publishing does this in its plan), or check the region and account of the deployment.',
      details,
    });
  }
  if (/connection refused|no such host|i\/o timeout|connection reset|dial tcp|EOF|TLS handshake timeout/i.test(engineMessage)) {
    return new SkyliftError({
      code: PublishErrorCode.PushRegistryUnreachable,
      message: `The Docker engine lost the registry while pushing ${target}: ${engineMessage}`,
      hint: 'Check the network path from the Docker engine (not only from this app) to the registry, then publish again; layers already pushed are not sent twice.',
      details,
    });
  }
  return new SkyliftError({ code: PublishErrorCode.PushFailed, message: `The push of ${target} failed: ${engineMessage}`, hint: 'Read the engine\'s message above; publish again once it is fixed.', details });
}

/** No bytes went out for the stall deadline: says what the engine was doing (retrying, waiting). */
export function pushStalled(target: string, stallMs: number, doing: string | null): SkyliftError {
  return new SkyliftError({
    code: PublishErrorCode.PushStalled,
    message: `The push of ${target} made no progress for ${seconds(stallMs)}${doing ? ` (the engine was ${doing})` : ''}; Skylift stopped it.`,
    hint: 'Check that the registry is up and reachable from the Docker engine, then publish again; layers already pushed are not sent twice. On a slow link, raise the stall deadline.',
    details: { stallMs },
  });
}

export function pushImageMissing(image: string): SkyliftError {
  return new SkyliftError({
    code: PublishErrorCode.PushImageMissing,
    message: `The image ${image} is not in the Docker engine.`,
    hint: 'Build the variant again (skylift build), then publish.',
    details: { image },
  });
}
