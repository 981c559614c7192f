import type Dockerode from 'dockerode';
import type { ImageDigest } from '../../../shared/contract/runs';

const SHA256 = /^sha256:[0-9a-f]{64}$/;

/**
 * The digest a run records for its image. A repo digest ("repo@sha256:…", set once the image was
 * pushed or pulled) is the manifest digest Lambda pins, the same in every repository, so it wins;
 * an image never pushed has none and is named by its image id (the config digest) instead.
 */
export function imageDigestOf(inspect: Pick<Dockerode.ImageInspectInfo, 'Id' | 'RepoDigests'>): ImageDigest | null {
  for (const repoDigest of inspect.RepoDigests ?? []) {
    const digest = repoDigest.slice(repoDigest.lastIndexOf('@') + 1);
    if (SHA256.test(digest)) return { digest, source: 'repo-digest' };
  }
  return SHA256.test(inspect.Id) ? { digest: inspect.Id, source: 'image-id' } : null;
}

/** The digest of a local image; null when the engine cannot say (the run is stored without one). */
export async function readImageDigest(docker: Dockerode, imageId: string): Promise<ImageDigest | null> {
  const inspect = await docker.getImage(imageId).inspect().catch(() => null);
  return inspect ? imageDigestOf(inspect) : null;
}
