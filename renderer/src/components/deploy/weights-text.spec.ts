import { describe, expect, it } from 'vitest';
import { shortDigest, weightsSummary } from './weights-text';

const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('weights layer text', () => {
  it('shortens the digest to sha256 and 12 hex digits', () => {
    expect(shortDigest(digest)).toBe('sha256:0123456789ab');
  });

  it('says what the layer holds and whether this build made it or reused it', () => {
    const weights = { image: 'skylift-weights:x', layerDigest: digest, bytes: 2 * 1024 ** 3, files: 2, reused: true };
    expect(weightsSummary(weights)).toBe('2 files, 2.0 GiB · reused');
    expect(weightsSummary({ ...weights, files: 1, bytes: 1536, reused: false })).toBe('1 file, 1.5 KiB · built');
  });
});
