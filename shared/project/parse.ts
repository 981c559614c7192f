import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { projectConfigSchema, type ProjectConfig } from './schema';

export const PROJECT_FILE = 'skylift.yaml';

/** One problem in a project file, placed where the user can find it. */
export interface ProjectIssue {
  path: string;
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; config: ProjectConfig } | { ok: false; issues: ProjectIssue[] };

/** Parses and validates skylift.yaml text; every issue names the line and the field. */
export function parseProjectYaml(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { path: '', line: pos.line, column: pos.col, message: `YAML syntax: ${error.message.split('\n', 1)[0]}` };
      }),
    };
  }
  const parsed = projectConfigSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const keys = issue.path.map(String);
      // An unknown key is best shown at the key itself, not at the mapping that holds it.
      const at = issue.code === 'unrecognized_keys' ? [...keys, issue.keys[0]] : keys;
      const pos = positionOf(doc, lineCounter, at);
      return { path: keys.join('.'), line: pos.line, column: pos.col, message: issue.message };
    }),
  };
}

/** Formats issues as compilers do: `skylift.yaml:7:3: targets.aws-lambda.memoryMb: Too big`. */
export function formatIssues(file: string, issues: readonly ProjectIssue[]): string {
  return issues.map((i) => `${file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n');
}

/** The deepest node that exists along the path (a missing key points at its parent). */
function positionOf(doc: Document, lineCounter: LineCounter, keys: string[]): { line: number; col: number } {
  for (let depth = keys.length; depth >= 0; depth--) {
    const parentPath = keys.slice(0, depth);
    const node = depth === 0 ? doc.contents : doc.getIn(parentPath, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      // Point at the key of a mapping entry rather than its value where we can.
      const key = depth > 0 ? keyNodeRange(doc, parentPath) : undefined;
      return lineCounter.linePos((key ?? range)[0]);
    }
  }
  return { line: 1, col: 1 };
}

function keyNodeRange(doc: Document, path: string[]): [number, number, number] | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent) && !isSeq(parent)) return undefined;
  if (isSeq(parent)) return undefined;
  const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === path.at(-1));
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range;
}
