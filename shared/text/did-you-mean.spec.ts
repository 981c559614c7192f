import { describe, expect, it } from 'vitest';
import { closestMatch } from './did-you-mean';

describe('closestMatch', () => {
  it('finds a plausible typo, case-insensitively, and nothing for an unrelated word', () => {
    expect(closestMatch('modle', ['name', 'model', 'python'])).toBe('model');
    expect(closestMatch('MEMORYMB', ['memoryMb', 'timeoutSeconds'])).toBe('memoryMb');
    expect(closestMatch('gcp', ['local', 'aws-lambda'])).toBeUndefined();
  });
});
