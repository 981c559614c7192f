import { describe, expect, it } from 'vitest';
import { codeFrom, depsTag } from './staged-build';

describe('codeFrom', () => {
  const deps = { imageId: 'sha256:' + 'd'.repeat(64) };

  it('builds the code on the weights image when there are weights', () => {
    expect(codeFrom('skylift-weights:abc-def', { ...deps, builder: 'classic' }, depsTag('p', 'local'))).toBe('skylift-weights:abc-def');
  });

  it('builds on the deps image id, not the shared deps tag another folder can move, with the classic builder', () => {
    expect(codeFrom(null, { ...deps, builder: 'classic' }, depsTag('p', 'local'))).toBe(deps.imageId);
  });

  it('keeps the tag with BuildKit, which cannot go FROM an image id', () => {
    expect(codeFrom(null, { ...deps, builder: 'buildkit' }, depsTag('p', 'local'))).toBe('skylift-deps/p:local');
  });
});
