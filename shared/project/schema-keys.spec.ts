import { describe, expect, it } from 'vitest';
import { TARGETS } from './schema';
import { isRequiredKey, schemaKeysAt } from './schema-keys';

describe('schema keys', () => {
  it('reads the keys of each mapping from the zod schema', () => {
    expect(schemaKeysAt([])).toEqual(expect.arrayContaining(['name', 'python', 'framework', 'model', 'weights', 'targets', 'deployments']));
    expect(schemaKeysAt(['targets'])).toEqual([...TARGETS]);
    expect(schemaKeysAt(['targets', 'aws-lambda'])).toEqual(expect.arrayContaining(['memoryMb', 'ephemeralStorageMb', 'environment']));
    expect(schemaKeysAt(['targets', 'local'])).not.toContain('ephemeralStorageMb');
    expect(schemaKeysAt(['framework'])).toEqual(['name', 'version']);
    expect(schemaKeysAt(['weights'])).toEqual([]);
  });

  it('knows which keys must be written', () => {
    expect(['name', 'python', 'framework', 'model', 'targets'].every((key) => isRequiredKey([], key))).toBe(true);
    expect(['weights', 'gpu', 'requirements', 'deployments', 'nope'].some((key) => isRequiredKey([], key))).toBe(false);
  });
});
