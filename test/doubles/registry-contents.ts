import fs from 'node:fs';
import path from 'node:path';
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
] as const;

/** The registry API v2 with the credentials applied and a deadline on each request. */
export type RegistryApi = (pathname: string, init?: RequestInit) => Promise<Response>;

export interface RegistryManifest {
  digest: string;
  mediaType: string;
  body: Buffer;
}

/** What a repository in the registry holds, and the changes the ECR double (deletes) and tests (an index) make to it. */
export interface RegistryContents {
  /** A manifest as the registry serves it (any of the four manifest media types), or null. */
  manifest(repository: string, reference: string): Promise<RegistryManifest | null>;
  tags(repository: string): Promise<string[]>;
  /** Every manifest digest the repository holds, tagged or not. */
  manifestDigests(repository: string): string[];
  /** When the manifest was pushed: the registry writes its revision link at push time. */
  pushedAt(repository: string, digest: string): Date | null;
  /** A blob's size, or null when the repository does not have it. */
  blobSize(repository: string, digest: string): Promise<number | null>;
  deleteManifest(repository: string, digest: string): Promise<boolean>;
  /** Removes one tag and keeps the manifest (the API v2 of distribution 2.8 cannot do this). */
  untag(repository: string, tag: string): void;
  /** How many blob uploads to the repository have begun and not finished (the registry's _uploads folder). */
  uploadsInProgress(repository: string): number;
  /** Stores an OCI image index listing these manifests, as `docker buildx` pushes one (with attestations). */
  putIndex(repository: string, tag: string, manifests: readonly RegistryManifest[]): Promise<string>;
}

/**
 * What the registry holds, read through its HTTP API v2, and from its storage folder
 * (`rootdirectory`) only what that API cannot list: untagged manifests, push times, uploads.
 */
export function registryContents(api: RegistryApi, storage: string): RegistryContents {
  const repositoryDir = (repository: string) => path.join(storage, 'docker', 'registry', 'v2', 'repositories', repository, '_manifests');
  return {
    async manifest(repository, reference) {
      const res = await api(`${repository}/manifests/${reference}`, { headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') } });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`registry answered ${res.status} for manifest ${repository}:${reference}`);
      return { digest: res.headers.get('docker-content-digest') ?? '', mediaType: (res.headers.get('content-type') ?? '').split(';')[0], body: Buffer.from(await res.arrayBuffer()) };
    },
    async tags(repository) {
      const res = await api(`${repository}/tags/list`);
      if (res.status === 404) return [];
      if (!res.ok) throw new Error(`registry answered ${res.status} for tags of ${repository}`);
      return ((await res.json()) as { tags: string[] | null }).tags ?? [];
    },
    manifestDigests: (repository) => listDir(path.join(repositoryDir(repository), 'revisions', 'sha256'))
      .filter((hex) => fs.existsSync(path.join(repositoryDir(repository), 'revisions', 'sha256', hex, 'link')))
      .map((hex) => `sha256:${hex}`),
    pushedAt(repository, digest) {
      const link = path.join(repositoryDir(repository), 'revisions', 'sha256', digest.replace(/^sha256:/, ''), 'link');
      return fs.existsSync(link) ? fs.statSync(link).mtime : null;
    },
    async blobSize(repository, digest) {
      const res = await api(`${repository}/blobs/${digest}`, { method: 'HEAD' });
      return res.ok ? Number(res.headers.get('content-length')) : null;
    },
    async deleteManifest(repository, digest) {
      const res = await api(`${repository}/manifests/${digest}`, { method: 'DELETE' });
      return res.status === 202;
    },
    uploadsInProgress: (repository) => listDir(path.join(path.dirname(repositoryDir(repository)), '_uploads')).length,
    async putIndex(repository, tag, manifests) {
      const index = {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: manifests.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.body.length, platform: { architecture: 'amd64', os: 'linux' } })),
      };
      const res = await api(`${repository}/manifests/${tag}`, { method: 'PUT', headers: { 'content-type': index.mediaType }, body: JSON.stringify(index) });
      if (res.status !== 201) throw new Error(`registry refused the index: ${res.status} ${await res.text()}`);
      return res.headers.get('docker-content-digest') ?? '';
    },
    untag: (repository, tag) => fs.rmSync(path.join(repositoryDir(repository), 'tags', tag), { recursive: true, force: true }),
  };
}

function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}
