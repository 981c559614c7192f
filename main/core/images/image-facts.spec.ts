import { describe, expect, it } from 'vitest';
import { KIND_LABEL } from '../build/kind-label';
import { kindOf } from './image-facts';
import { PROJECT_LABEL } from './image-labels';

describe('kindOf', () => {
  it('takes an untagged image with kind=variant and no project label (a stopped code build\'s leftover) for none of Skylift\'s kinds', () => {
    expect(kindOf({ [KIND_LABEL]: 'variant' }, [])).toBeNull();
    expect(kindOf({ [KIND_LABEL]: 'variant', [PROJECT_LABEL]: 'p' }, ['skylift/p:local'])).toBe('code');
  });

  it('knows weights and deps images by label and their own tags', () => {
    expect(kindOf({ [KIND_LABEL]: 'weights' }, [])).toBe('weights');
    expect(kindOf({ [KIND_LABEL]: 'deps' }, ['skylift-deps/p:local'])).toBe('deps');
    expect(kindOf({ [KIND_LABEL]: 'deps' }, ['theirs:1'])).toBeNull();
  });
});
