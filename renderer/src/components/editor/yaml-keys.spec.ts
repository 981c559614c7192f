import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../../../shared/project/schema';
import { keyPathAt, yamlKeyCompletion } from './yaml-keys';

function complete(text: string): string[] {
  const state = EditorState.create({ doc: text });
  const result = yamlKeyCompletion(new CompletionContext(state, text.length, true));
  return result ? result.options.map((option) => option.label) : [];
}

describe('schema key completion', () => {
  it('reads the mapping path from indentation', () => {
    const lines = ['name: x', 'targets:', '  local: {}', '  aws-lambda:', '    memoryMb: 1', '    '];
    expect(keyPathAt(lines, 5, 4)).toEqual(['targets', 'aws-lambda']);
    expect(keyPathAt(lines, 5, 2)).toEqual(['targets']);
    expect(keyPathAt(lines, 5, 0)).toEqual([]);
  });

  it('offers top-level keys, target names and each target’s own keys', () => {
    expect(complete('name: x\nmo')).toEqual(expect.arrayContaining(['model', 'python', 'targets', 'weights']));
    expect(complete('targets:\n  ')).toEqual([...TARGETS]);
    expect(complete('targets:\n  aws-lambda:\n    eph')).toContain('ephemeralStorageMb');
    expect(complete('targets:\n  local:\n    ')).not.toContain('ephemeralStorageMb');
  });

  it('offers nothing inside a value', () => {
    expect(complete('python: 3')).toEqual([]);
  });
});
