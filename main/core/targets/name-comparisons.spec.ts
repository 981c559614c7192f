import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_NAMES } from '../../../shared/targets';

/**
 * Target behaviour lives in main/core/targets/<name>/ and the pure list in shared/targets.ts;
 * anywhere else, a comparison with a target name is a branch that belongs in a target module.
 * Like the layering lint, this reads the source.
 */
const ROOTS = ['main', 'shared', 'renderer/src'];
const ALLOWED = [path.join('main', 'core', 'targets') + path.sep, path.join('shared', 'targets.ts')];

const quoted = (name: string) => `['"\`]${name.replace(/-/g, '\\-')}['"\`]`;
/** 'local' is also a word in other enums (a base image found 'local', a run's kind): only a variant/target/name operand counts. */
const operand = (name: string) => (name === 'local' ? String.raw`[\w.]*(?:variant|target|name)\w*\??\s*` : String.raw`[\w.\])?]+\s*`);

function comparisonPatterns(): RegExp[] {
  return TARGET_NAMES.flatMap((name) => [
    new RegExp(`${operand(name)}[!=]==\\s*${quoted(name)}`, 'i'),
    new RegExp(`${quoted(name)}\\s*[!=]==\\s*${name === 'local' ? String.raw`[\w.]*(?:variant|target|name)` : String.raw`[\w.]`}`, 'i'),
    new RegExp(`case\\s+${quoted(name)}\\s*:`),
  ]);
}

export function targetNameComparisons(text: string): string[] {
  const patterns = comparisonPatterns();
  return text.split('\n').filter((line) => patterns.some((p) => p.test(line)));
}

function sourceFiles(): string[] {
  return ROOTS.flatMap((root) =>
    (fs.readdirSync(root, { recursive: true }) as string[])
      .map((file) => path.join(root, file))
      .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.spec\.tsx?$/.test(file) && !file.includes('node_modules')),
  );
}

describe('target names are compared only inside the target modules', () => {
  it('finds the comparisons it is meant to find, and not look-alikes', () => {
    expect(targetNameComparisons("if (variant === 'aws-lambda') {")).toHaveLength(1);
    expect(targetNameComparisons("const azure = plan.variant !== \"azure-functions\";")).toHaveLength(1);
    expect(targetNameComparisons("  case 'local':")).toHaveLength(1);
    expect(targetNameComparisons("return target.variant === 'local' ? a : b;")).toHaveLength(1);
    expect(targetNameComparisons("'aws-lambda' === request.variant")).toHaveLength(1);
    expect(targetNameComparisons("found === 'local' ? 'on this engine' : 'in its registry'")).toEqual([]);
    expect(targetNameComparisons("if (target.kind === 'local') return;")).toEqual([]);
    expect(targetNameComparisons("targets: { local: {}, 'aws-lambda': { memoryMb: 2048 } }")).toEqual([]);
  });

  it('has none outside main/core/targets/ and shared/targets.ts', () => {
    const found = sourceFiles()
      .filter((file) => !ALLOWED.some((allowed) => file.startsWith(allowed)))
      .flatMap((file) => targetNameComparisons(fs.readFileSync(file, 'utf8')).map((line) => `${file}: ${line.trim()}`));
    expect(found).toEqual([]);
  });
});
