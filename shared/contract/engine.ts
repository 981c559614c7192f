import { z } from 'zod';
import { appErrorSchema } from '../errors';

/** Where the Docker engine is: found automatically, or set by the user in Settings. */
const port = z.number({ error: 'Enter a port number' }).int('Enter a whole port number').min(1, 'Ports run from 1 to 65535').max(65535, 'Ports run from 1 to 65535');

export const engineEndpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auto') }),
  z.object({
    kind: z.literal('socket'),
    path: z.string().trim().min(1, 'Enter the socket path').refine((p) => p.startsWith('/') || p.startsWith('~/'), 'Enter an absolute path, e.g. /var/run/docker.sock'),
  }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().trim().min(1, 'Enter a host name or address'),
    port,
    tls: z.boolean(),
    /** Folder holding ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH does. */
    certDir: z.string().trim().optional(),
  }),
  z.object({
    kind: z.literal('ssh'),
    host: z.string().trim().min(1, 'Enter a host name or address'),
    port: port.default(22),
    username: z.string().trim().min(1, 'Enter the user name'),
    /** Private key file; without one, the ssh agent at SSH_AUTH_SOCK is used. */
    identityFile: z.string().trim().optional(),
  }),
]);
export type EngineEndpoint = z.infer<typeof engineEndpointSchema>;

/** The endpoint actually used, and where that choice came from. */
export const resolvedEndpointSchema = z.object({
  url: z.string(),
  source: z.enum(['settings', 'DOCKER_HOST', 'docker-context', 'default']),
  contextName: z.string().optional(),
  tls: z.boolean(),
});
export type ResolvedEndpoint = z.infer<typeof resolvedEndpointSchema>;

export const gpuSupportSchema = z.object({
  usable: z.boolean(),
  nvidiaRuntimes: z.array(z.string()),
  cdiDevices: z.array(z.string()),
  hostDriverVersion: z.string().nullable(),
  /** One sentence on why GPUs are (not) usable and what to do about it. */
  summary: z.string(),
});
export type GpuSupport = z.infer<typeof gpuSupportSchema>;

export const engineInfoSchema = z.object({
  serverVersion: z.string(),
  apiVersion: z.string(),
  operatingSystem: z.string(),
  osType: z.string(),
  architecture: z.string(),
  kernelVersion: z.string(),
  cpus: z.number().int(),
  memoryBytes: z.number(),
  storageDriver: z.string(),
  rootless: z.boolean(),
  gpu: gpuSupportSchema,
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;

export const engineStatusSchema = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    endpoint: resolvedEndpointSchema,
    info: engineInfoSchema,
    checkedAt: z.string(),
  }),
  z.object({
    reachable: z.literal(false),
    endpoint: resolvedEndpointSchema.nullable(),
    error: appErrorSchema,
    checkedAt: z.string(),
  }),
]);
export type EngineStatus = z.infer<typeof engineStatusSchema>;
