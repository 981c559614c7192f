import { requestDeadline, type HttpVariant } from '../run/http-deadlines';
import { HttpVariantSession } from '../run/http-session';
import type { VariantSession } from '../run/variant-session';
import type { SessionOpenRequest } from './target';

/** An HTTP variant's session (local, azure-functions): the container's memory limit and request deadline from skylift.yaml. */
export function openHttpSession(
  variant: HttpVariant,
  request: SessionOpenRequest,
  extra: { env?: Record<string, string>; entrypoint?: string[] } = {},
): VariantSession {
  const { config, spec } = request;
  const memoryMb = config.targets[variant]?.memoryMb;
  return new HttpVariantSession(request.docker, { ...spec, env: extra.env ?? {}, variant, ...(memoryMb ? { memoryBytes: memoryMb * 1024 * 1024 } : {}) }, request.onLog, {
    startupTimeoutMs: request.startupTimeoutMs,
    request: requestDeadline(config, variant),
    ...(extra.entrypoint ? { entrypoint: extra.entrypoint } : {}),
  });
}

/** Skylift's adapter, started directly where a base image would start its own host. */
export const ADAPTER_ENTRYPOINT = ['/opt/skylift/venv/bin/python', '-m', 'skylift_runtime'];
