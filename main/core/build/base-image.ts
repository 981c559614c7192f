import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../shared/errors';
import type { TargetName } from '../../../shared/project/schema';
import type { VariantPlan } from './variant-plan';

/** How long the registry may take to describe the base image before the build is refused. */
export const BASE_CHECK_TIMEOUT_MS = 30_000;

/** The base a variant builds FROM, and where that choice came from (so the message can say what to change). */
export interface BaseImageRef {
  image: string;
  source: VariantPlan['baseSource'];
  variant: TargetName;
}

/**
 * Before a build starts: the base image is on this engine already, or its registry describes it
 * (the engine's /distribution call: a manifest lookup, no download). Anything else is refused now,
 * with which image, why, and how to choose another — not as a raw error at "Step 1/18".
 */
export async function ensureBaseImage(docker: Dockerode, base: BaseImageRef, signal: AbortSignal): Promise<'local' | 'in-registry' | 'not-checked'> {
  // A FROM built from build args, or scratch, has nothing to look up.
  if (base.image.includes('$') || base.image === 'scratch') return 'not-checked';
  const present = await docker
    .getImage(base.image)
    .inspect()
    .then(() => true)
    .catch(() => false);
  if (present) return 'local';
  try {
    await withDeadline(docker.getImage(base.image).distribution(), BASE_CHECK_TIMEOUT_MS, signal);
    return 'in-registry';
  } catch (error) {
    if (signal.aborted) throw new DOMException('Build cancelled', 'AbortError');
    const err = error as { json?: { message?: string }; message?: string; statusCode?: number };
    const message = err.json?.message ?? err.message ?? String(error);
    // An engine without the lookup (older API, some Docker-compatible engines): the build itself will say.
    if (err.statusCode === 404 && /page not found/i.test(message)) return 'not-checked';
    throw baseImageError(base, message);
  }
}

/** Whether a failed build step is the engine failing to fetch the base (classic: at FROM; BuildKit: resolving its metadata). */
export function isBaseFetchFailure(instruction: string, engineMessage: string): boolean {
  // BuildKit fails before any numbered step, in the frontend or while resolving the image: its
  // messages name the registry's /v2/ API or the metadata lookup, not the FROM line.
  return /^FROM\s/i.test(instruction) || /(load|resolve source) metadata for|pull access denied|failed to resolve|failed to create LLB definition|\/v2\//i.test(engineMessage);
}

export function baseImageError(base: BaseImageRef, engineMessage: string): SkyliftError {
  const registry = registryOf(base.image);
  const detail = engineMessage.split('\n', 1)[0].slice(0, 300);
  const cause = classify(engineMessage) === 'unreachable' ? `its registry, ${registry}, is unreachable` : classify(engineMessage) === 'missing' ? `${registry} says it doesn't exist or needs a login` : `the engine couldn't fetch it from ${registry}`;
  return new SkyliftError({
    code: 'BASE_IMAGE_UNAVAILABLE',
    message: `The base image ${base.image} (${describeSource(base)}) can't be used: ${cause}. Engine: ${detail}`,
    hint: howToOverride(base),
    details: { baseImage: base.image, source: base.source, registry },
  });
}

function classify(message: string): 'unreachable' | 'missing' | 'other' {
  if (/no such host|connection refused|i\/o timeout|network is unreachable|dial tcp|TLS handshake|deadline exceeded|did not answer within|server misbehaving|no route to host/i.test(message)) return 'unreachable';
  if (/not found|manifest unknown|does not exist|unauthorized|denied|authentication required|no such image/i.test(message)) return 'missing';
  return 'other';
}

function describeSource(base: BaseImageRef): string {
  switch (base.source) {
    case 'compat-table':
      return `Skylift's default base for ${base.variant}`;
    case 'skylift.yaml':
      return `targets.${base.variant}.baseImage in skylift.yaml`;
    case 'build-option':
      return 'from --base-image';
    case 'ejected-dockerfile':
      return `the FROM of .skylift/Dockerfile.${base.variant}`;
  }
}

function howToOverride(base: BaseImageRef): string {
  const mirror = 'or point the engine at a registry mirror you can reach ("registry-mirrors" in the engine\'s daemon.json)';
  const local = 'An image already on this engine works as is: name it as `docker images` lists it.';
  if (base.source === 'ejected-dockerfile') return `Change the FROM line in .skylift/Dockerfile.${base.variant} to an image you can reach, ${mirror}. ${local}`;
  return `Choose a base you can reach: set targets.${base.variant}.baseImage in skylift.yaml, or pass --base-image <image> to skylift build (the Build form's "Base image" field in the app), ${mirror}. ${local}`;
}

/** The registry part of an image reference, as Docker reads it (no dot, colon or "localhost" first: Docker Hub). */
export function registryOf(image: string): string {
  const first = image.split('/', 1)[0];
  const explicit = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return explicit ? first : 'Docker Hub (registry-1.docker.io)';
}

function withDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('Build cancelled', 'AbortError'));
    const timer = setTimeout(() => reject(new Error(`the registry did not answer within ${ms / 1000} s`)), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}
