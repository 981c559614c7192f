import { describe, expect, it } from 'vitest';
import { builtFromOtherFolder, imageFromOtherFolder, PROJECT_DIR_LABEL } from './image-identity';

describe('image identity', () => {
  it('names the other folder an image was built from; this folder, its skylift.yaml, or no label are not another', () => {
    expect(builtFromOtherFolder({ [PROJECT_DIR_LABEL]: '/a/proj' }, '/b/proj')).toBe('/a/proj');
    expect(builtFromOtherFolder({ [PROJECT_DIR_LABEL]: '/a/proj' }, '/a/proj/')).toBeNull();
    expect(builtFromOtherFolder({ [PROJECT_DIR_LABEL]: '/a/proj' }, '/a/proj/skylift.yaml')).toBeNull();
    expect(builtFromOtherFolder({}, '/b/proj')).toBeNull();
    expect(builtFromOtherFolder(null, '/b/proj')).toBeNull();
  });

  it('says what happened and both ways out', () => {
    const error = imageFromOtherFolder('skylift/x:local', '/a/x', '/b/x', 'local', 'x');
    expect(error.code).toBe('IMAGE_FROM_OTHER_FOLDER');
    expect(error.message).toBe('skylift/x:local was built from /a/x, not from /b/x: both projects are named "x", and image tags come from the name.');
    expect(error.hint).toContain('skylift build /b/x --variant local');
    expect(error.hint).toContain('different name');
  });
});
