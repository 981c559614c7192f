import { describe, expect, it } from 'vitest';
import { judgeArchitecture, judgeManifest } from './manifest-check';

const uri = '127.0.0.1:5000/iris@sha256:' + 'a'.repeat(64);
const imageManifest = (mediaType?: string) =>
  Buffer.from(JSON.stringify({ schemaVersion: 2, ...(mediaType ? { mediaType } : {}), config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: 'sha256:' + 'c'.repeat(64), size: 1 }, layers: [] }));
const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + 'b'.repeat(64), size: 1, platform: { architecture: 'amd64', os: 'linux' } }] }));

describe('what Lambda accepts as an image manifest', () => {
  it('accepts a Docker v2 schema 2 manifest and an OCI image manifest', () => {
    expect(judgeManifest('application/vnd.docker.distribution.manifest.v2+json', imageManifest('application/vnd.docker.distribution.manifest.v2+json'), uri)).toEqual({
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      configDigest: 'sha256:' + 'c'.repeat(64),
    });
    expect(judgeManifest('application/vnd.oci.image.manifest.v1+json', imageManifest(), uri).mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it.each(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'])('refuses an index (%s) as Lambda would, with the way out', (type) => {
    expect(() => judgeManifest(type, index, uri)).toThrow(
      expect.objectContaining({
        code: 'MANIFEST_MEDIA_TYPE_UNSUPPORTED',
        message: expect.stringMatching(/Lambda refuses image indexes \(media type not supported\)/),
        hint: expect.stringContaining('--provenance=false'),
      }),
    );
  });

  it('reads the media type from the manifest when the registry serves plain JSON', () => {
    expect(() => judgeManifest('application/json', index, uri)).toThrow(/image indexes/);
    expect(judgeManifest('', imageManifest('application/vnd.oci.image.manifest.v1+json'), uri).mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('refuses schema 1 and unknown types, and bodies that are not manifests, without throwing anything raw', () => {
    expect(() => judgeManifest('application/vnd.docker.distribution.manifest.v1+prettyjws', imageManifest(), uri)).toThrow(/not supported/);
    expect(() => judgeManifest('application/vnd.oci.image.manifest.v1+json', Buffer.from('<html>'), uri)).toThrow(expect.objectContaining({ code: 'MANIFEST_UNREADABLE' }));
    expect(() => judgeManifest('application/vnd.oci.image.manifest.v1+json', Buffer.from('[1]'), uri)).toThrow(expect.objectContaining({ code: 'MANIFEST_UNREADABLE' }));
  });

  it('matches the function architecture to the image config: x86_64 ↔ amd64, arm64 ↔ arm64', () => {
    const config = (architecture: string) => Buffer.from(JSON.stringify({ architecture, os: 'linux' }));
    expect(judgeArchitecture(config('amd64'), 'x86_64', uri)).toBe('amd64');
    expect(judgeArchitecture(config('arm64'), 'arm64', uri)).toBe('arm64');
    expect(() => judgeArchitecture(config('arm64'), 'x86_64', uri)).toThrow(
      expect.objectContaining({ code: 'MANIFEST_ARCHITECTURE_MISMATCH', message: expect.stringContaining('linux/arm64, but the function runs on x86_64') }),
    );
    expect(() => judgeArchitecture(config('amd64'), 'arm64', uri)).toThrow(/needs arm64 images/);
  });
});
