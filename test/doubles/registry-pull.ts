import type Dockerode from 'dockerode';
import type { RegistryDouble } from './registry';

const PULL_DEADLINE_MS = 5 * 60_000;

/**
 * The Lambda double's way to the bytes that were pushed: pulls an ImageUri pinned by digest
 * (`127.0.0.1:PORT/repo@sha256:…`) from the registry double into the engine, with the
 * registry's credentials, and answers the local image id. So a cloud invoke runs what was
 * pushed, not whatever the engine happened to have under that name.
 */
export function pullFromRegistry(docker: Dockerode, registry: RegistryDouble): (config: { ResolvedImageUri: string }) => Promise<string> {
  return async ({ ResolvedImageUri: imageUri }) => {
    if (!imageUri.startsWith(`${registry.host}/`) || !/@sha256:[0-9a-f]{64}$/.test(imageUri)) {
      throw new Error(`${imageUri} is not an image pinned by digest in the registry double at ${registry.host}.`);
    }
    const authconfig = { username: registry.username, password: registry.password, serveraddress: registry.host };
    const stream = await docker.pull(imageUri, { authconfig }).catch((err: Error) => {
      throw new Error(`pulling ${imageUri} failed: ${err.message}`);
    });
    await followWithDeadline(docker, stream, imageUri);
    return (await docker.getImage(imageUri).inspect()).Id;
  };
}

/** The pull's progress stream to its end; an error line or a stalled pull rejects. */
function followWithDeadline(docker: Dockerode, stream: NodeJS.ReadableStream, imageUri: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(new Error(`pulling ${imageUri} took longer than ${PULL_DEADLINE_MS / 1000} s`));
    }, PULL_DEADLINE_MS);
    docker.modem.followProgress(stream, (err: Error | null, events: Array<{ error?: string }>) => {
      clearTimeout(timer);
      const failed = err?.message ?? events.find((e) => e.error)?.error;
      if (failed) reject(new Error(`pulling ${imageUri} failed: ${failed}`));
      else resolve();
    });
  });
}
