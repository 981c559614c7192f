import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { plainIssues, type IssueContext } from './issue-messages';
import { projectConfigSchema, type ProjectConfig } from './schema';
import { formatBytes } from '../text/bytes';

export const PROJECT_FILE = 'skylift.yaml';

/**
 * The largest skylift.yaml Skylift reads. A real one is a few dozen lines (a long weights list is
 * a few KB); 1 MiB is hundreds of times that, parses in well under a second, and keeps a runaway
 * or wrong file (a log, a model dump renamed) from tying up the process or filling the editor.
 */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/**
 * How deep a skylift.yaml may nest (flow brackets, or indentation and "- " columns). Real ones nest
 * four levels; the yaml library recurses per level and, near the stack's end, V8 can abort the
 * whole process (seen: 100k "{" killed it with "RegExpCompiler Allocation failed").
 */
const MAX_NESTING = 100;

/** Past this many, issues are summarised: nobody reads the 40,000th, and each costs a position lookup. */
const MAX_ISSUES = 20;

/** One problem in a project file, placed where the user can find it. */
export interface ProjectIssue {
  path: string;
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; config: ProjectConfig } | { ok: false; issues: ProjectIssue[] };

export const tooLargeMessage = (bytes: number): string =>
  `${PROJECT_FILE} is ${formatBytes(bytes)}; Skylift reads at most ${MAX_PROJECT_FILE_BYTES / 1024 ** 2} MiB (a project file is a few dozen lines). Is this the right file?`;

/** Parses and validates skylift.yaml text; every issue names the line and the field. */
export function parseProjectYaml(text: string): ParseResult {
  // shared/ runs in the renderer too, where there is no Buffer.
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_PROJECT_FILE_BYTES) return { ok: false, issues: [{ path: '', line: 1, column: 1, message: tooLargeMessage(bytes) }] };
  const tooDeep = nestingProblem(text);
  if (tooDeep) return { ok: false, issues: [tooDeep] };
  const lineCounter = new LineCounter();
  // yaml's own uniqueKeys check compares each key with every earlier one (quadratic: 40k keys took
  // 11 s); duplicateKeys below does the same check with a set per mapping.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const syntax = doc.errors.map((error) => ({ offset: error.pos[0], message: `YAML syntax: ${error.message.split('\n', 1)[0]}` }));
  const problems = syntax.length > 0 ? syntax : badKeys(doc);
  if (problems.length > 0) {
    return { ok: false, issues: capped(problems.map(({ offset, message }) => ({ path: '', ...position(lineCounter, offset), message }))) };
  }
  const value = toPlainValue(doc);
  if (!value.ok) return { ok: false, issues: [{ path: '', line: 1, column: 1, message: value.message }] };
  // reportInput lets a message say what was found ("the number 3.1"), not only what was expected.
  const parsed = projectConfigSchema.safeParse(value.value ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data };
  const plain = plainIssues(parsed.error.issues.slice(0, MAX_ISSUES + 1), documentContext(doc, text));
  const located = plain.slice(0, MAX_ISSUES + 1).map(({ path, at, message }) => {
    const pos = positionOf(doc, lineCounter, at);
    return { path: path.join('.'), line: pos.line, column: pos.col, message: capText(message) };
  });
  return { ok: false, issues: capped(byPosition(located), Math.max(plain.length, parsed.error.issues.length)) };
}

/** Issues in the order they appear in the file, as an editor lists them. */
function byPosition(issues: ProjectIssue[]): ProjectIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** What issue messages read from the file: a value's text as written, and a mapping's keys. */
function documentContext(doc: Document, text: string): IssueContext {
  return {
    sourceOf: (path) => {
      const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
      return range ? text.slice(range[0], range[1]).trim().slice(0, 60) : undefined;
    },
    keysOf: (path) => {
      const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      return isMap(node) ? node.items.map((pair) => String((pair.key as { value?: unknown } | null)?.value ?? pair.key)) : [];
    },
  };
}

/** Formats issues as compilers do: `skylift.yaml:7:3: targets.aws-lambda.memoryMb: must be at most 10240; found 20000`. */
export function formatIssues(file: string, issues: readonly ProjectIssue[]): string {
  return issues.map((i) => `${file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n');
}

/**
 * A quick linear scan before the parser: the deepest bracket nesting and the widest indentation
 * (counting "- " indicators, which nest too). Quotes are not tracked, so a bracket inside a string
 * counts; no real skylift.yaml comes near the limit either way.
 */
function nestingProblem(text: string): ProjectIssue | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inIndent = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      line++;
      lineStart = i + 1;
      inIndent = true;
      continue;
    }
    inIndent &&= char === ' ' || char === '\t' || char === '-';
    if (inIndent && i - lineStart >= MAX_NESTING * 2) return deepIssue(line, i - lineStart + 1, `indented more than ${MAX_NESTING * 2} columns`);
    if (char === '[' || char === '{') {
      if (++depth > MAX_NESTING) return deepIssue(line, i - lineStart + 1, `brackets nest more than ${MAX_NESTING} deep`);
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return null;
}

function deepIssue(line: number, column: number, what: string): ProjectIssue {
  return { path: '', line, column, message: `Nested too deeply: ${what}. A skylift.yaml nests a few levels; is this the right file?` };
}

/** A key written twice in one mapping (YAML forbids it), a key that is a list or mapping, or __proto__; one set per mapping keeps it linear. */
function badKeys(doc: Document): Array<{ offset: number; message: string }> {
  const found: Array<{ offset: number; message: string }> = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          const range = (pair.key as { range?: [number, number, number] } | null)?.range;
          found.push({ offset: range?.[0] ?? 0, message: 'A key must be a plain name, not a list or mapping' });
          continue;
        }
        const key = String(pair.key.value);
        // zod's records drop this key unchecked (a guard against prototype pollution): refuse it rather than lose what it holds.
        if (key === '__proto__') found.push({ offset: pair.key.range?.[0] ?? 0, message: 'A key named "__proto__" is not allowed: use another name' });
        if (seen.has(key)) found.push({ offset: pair.key.range?.[0] ?? 0, message: `Map keys must be unique: "${capText(key, 60)}" is written twice` });
        seen.add(key);
      }
    },
  });
  return found;
}

/** Aliases are expanded here; yaml refuses a "billion laughs" expansion by throwing, which becomes an issue. */
function toPlainValue(doc: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, message: `YAML aliases: ${error instanceof Error ? error.message : String(error)}; a skylift.yaml needs few or none` };
  }
}

function capped(issues: ProjectIssue[], total = issues.length): ProjectIssue[] {
  if (total <= MAX_ISSUES) return issues;
  const last = issues[MAX_ISSUES - 1];
  return [...issues.slice(0, MAX_ISSUES - 1), { ...last, message: `${last.message} (and ${total - MAX_ISSUES} more problems not listed)` }];
}

/** zod lists every unknown key in one message; 40k of them is not a message. */
function capText(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
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
