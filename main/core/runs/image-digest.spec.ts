import { describe, expect, it } from 'vitest';
import { imageDigestOf } from './image-digest';

const id = `sha256:${'1'.repeat(64)}`;
const manifest = `sha256:${'2'.repeat(64)}`;

describe('the digest a run records', () => {
  it('is the repo digest when the image was pushed or pulled (what Lambda pins), else the image id', () => {
    expect(imageDigestOf({ Id: id, RepoDigests: [`123456789012.dkr.ecr.eu-west-1.amazonaws.com/numpy@${manifest}`] })).toEqual({ digest: manifest, source: 'repo-digest' });
    expect(imageDigestOf({ Id: id, RepoDigests: [] })).toEqual({ digest: id, source: 'image-id' });
    expect(imageDigestOf({ Id: id } as never)).toEqual({ digest: id, source: 'image-id' });
  });

  it('ignores what is not a sha256 digest', () => {
    expect(imageDigestOf({ Id: id, RepoDigests: ['repo@sha512:abc', 'garbage'] })).toEqual({ digest: id, source: 'image-id' });
    expect(imageDigestOf({ Id: 'not-a-digest', RepoDigests: [] })).toBeNull();
  });
});
