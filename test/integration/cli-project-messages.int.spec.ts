import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skylift } from '../helpers/cli';
import { useTempDir } from '../helpers/temp';

/** The CLI prints the same project-file messages the app lists, sorted by position. */
describe('skylift CLI: skylift.yaml messages', () => {
  const tempDir = useTempDir();

  it('prints quote-the-version and the did-you-mean at their lines, in file order, with a hint', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), 'name: msg-test\npython: 3.10\nframework:\n  name: none\nmodle: model:Classifier\ntargets:\n  local: {}\n');
    const result = skylift(['dockerfile', dir], { SKYLIFT_HOME: path.join(dir, 'home') });
    expect(result.status).toBe(1);
    const file = path.join(dir, 'skylift.yaml');
    expect(result.stderr.split('\n').slice(0, 4)).toEqual([
      'error: skylift.yaml has 2 problems:',
      `${file}:2:1: python: quote the version: python: "3.10" (unquoted, YAML reads 3.10 as the number 3.1)`,
      `${file}:5:1: unknown key \`modle\` — did you mean \`model\`?`,
      `hint: Fix the fields named above in ${file}.`,
    ]);
  });

  it('says which key is missing and what to write, and what was found for a wrong type', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), 'name: msg-test\npython: "3.11"\nframework:\n  name: none\ntargets:\n  local:\n    memoryMb: lots\n');
    const result = skylift(['dockerfile', dir], { SKYLIFT_HOME: path.join(dir, 'home') });
    expect(result.status).toBe(1);
    const file = path.join(dir, 'skylift.yaml');
    expect(result.stderr).toContain(`${file}:1:1: model: missing required key \`model\`: add it, e.g. model: model:Classifier\n${file}:7:5: targets.local.memoryMb: must be a number, not the text "lots"`);
  });
});
