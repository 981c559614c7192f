import { describe, expect, it } from 'vitest';
import { dependentsText } from './images';

describe('dependentsText', () => {
  it('names the images built on it, or says prune removes it once no build holds it', () => {
    expect(dependentsText({ dependents: [{ name: 'skylift/a:local' }, { name: 'skylift/b:local' }] } as never)).toBe('used by: skylift/a:local, skylift/b:local');
    expect(dependentsText({ dependents: [] })).toBe('used by no image: prune removes it once no build holds it');
  });
});
