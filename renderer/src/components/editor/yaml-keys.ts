import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { schemaKeysAt } from '../../../../shared/project/schema-keys';

const KEY_LINE = /^(\s*)(?:-\s+)?([\w-]+)\s*:/;

/**
 * The mapping path a line sits in, read from indentation: each earlier key line indented less
 * opens a level (`targets:` then `  aws-lambda:` puts a line indented 4 under targets.aws-lambda).
 * Walks up once, so it costs one pass over the lines above.
 */
export function keyPathAt(lines: readonly string[], lineIndex: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const match = KEY_LINE.exec(lines[i]);
    if (!match || lines[i].trim().startsWith('#')) continue;
    const lineIndent = match[1].length;
    if (lineIndent < limit) {
      path.unshift(match[2]);
      limit = lineIndent;
    }
  }
  return path;
}

/** Completes the key being typed at the start of a line with the keys the schema allows there. */
export function yamlKeyCompletion(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const typed = /^(\s*)([\w-]*)$/.exec(before);
  if (!typed || (typed[2] === '' && !context.explicit)) return null;
  const lines = context.state.doc.sliceString(0, line.from).split('\n');
  const path = keyPathAt(lines, lines.length - 1, typed[1].length);
  const keys = schemaKeysAt(path);
  if (keys.length === 0) return null;
  return { from: context.pos - typed[2].length, options: keys.map((key) => ({ label: key, type: 'property', apply: `${key}: ` })), validFor: /^[\w-]*$/ };
}
