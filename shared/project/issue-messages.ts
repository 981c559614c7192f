import { z } from 'zod';
import { closestMatch } from '../text/did-you-mean';
import { isRequiredKey, schemaKeysAt } from './schema-keys';

/** A zod issue as safeParse reports it with reportInput. */
type ZodIssue = z.core.$ZodIssue & { input?: unknown };

/** What a message needs from the file: the source text of a value, and the keys a mapping already has. */
export interface IssueContext {
  sourceOf: (path: readonly string[]) => string | undefined;
  keysOf: (path: readonly string[]) => readonly string[];
}

/** One plain-sentence problem; `at` is where to point (the key itself for an unknown key). */
export interface PlainIssue {
  path: string[];
  at: string[];
  message: string;
}

/** A line to copy for each key the schema requires; shown when the key is missing. */
const REQUIRED_EXAMPLES: Record<string, string> = {
  name: 'name: iris-classifier',
  python: 'python: "3.11"',
  framework: 'framework: { name: torch, version: "2.3.1" }',
  'framework.name': 'name: torch',
  model: 'model: model:Classifier',
  targets: 'targets: { local: {} }',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping', record: 'a mapping',
};

/** Rewrites zod's issues as sentences a person can act on; one unknown key that is a typo of a missing one is one issue. */
export function plainIssues(issues: readonly ZodIssue[], context: IssueContext): PlainIssue[] {
  const out: PlainIssue[] = [];
  const explained = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code !== 'unrecognized_keys') continue;
    const present = new Set(context.keysOf(path));
    const candidates = schemaKeysAt(path).filter((key) => !present.has(key));
    for (const key of issue.keys) {
      const guess = closestMatch(key, candidates);
      if (guess) explained.add([...path, guess].join('.'));
      out.push({ path, at: [...path, key], message: unknownKeyMessage(key, guess, schemaKeysAt(path)) });
    }
  }
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' || explained.has(path.join('.'))) continue;
    out.push({ path, at: path, message: plainMessage(issue, path, context) });
  }
  return out;
}

function unknownKeyMessage(key: string, guess: string | undefined, allowed: readonly string[]): string {
  const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  if (guess) return `unknown key \`${shown}\` — did you mean \`${guess}\`?`;
  return allowed.length > 0 ? `unknown key \`${shown}\`; the keys allowed here are ${allowed.join(', ')}` : `unknown key \`${shown}\``;
}

/** zod's own text where the schema gave no message of its own; the schema's messages already speak plainly. */
function plainMessage(issue: ZodIssue, path: string[], context: IssueContext): string {
  if (issue.message !== z.config().localeError?.(issue as never)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue, path, context);
    case 'invalid_value': {
      const values = issue.values.map(String);
      const guess = typeof issue.input === 'string' ? closestMatch(issue.input, values) : undefined;
      return `must be one of ${values.join(', ')}; found ${describe(issue.input)}${guess ? ` — did you mean ${guess}?` : ''}`;
    }
    case 'too_small':
      return sizeMessage('at least', 'more than', issue.minimum, issue.inclusive, issue.origin, issue.input);
    case 'too_big':
      return sizeMessage('at most', 'less than', issue.maximum, issue.inclusive, issue.origin, issue.input);
    default:
      return issue.message;
  }
}

function typeMessage(issue: ZodIssue & { code: 'invalid_type' }, path: string[], context: IssueContext): string {
  const key = path.at(-1) ?? '';
  if (!('input' in issue) || issue.input === undefined) {
    const parent = path.slice(0, -1);
    const example = REQUIRED_EXAMPLES[path.join('.')];
    const where = parent.length > 0 ? ` under ${parent.join('.')}` : '';
    if (isRequiredKey(parent, key) || example) return `missing required key \`${key}\`${where}${example ? `: add it, e.g. ${example}` : ''}`;
    return `missing \`${key}\`: give it ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  // YAML reads an unquoted 3.10 as the number 3.1; quoting keeps what was written.
  if (issue.expected === 'string' && typeof issue.input === 'number') {
    const written = context.sourceOf(path) ?? String(issue.input);
    const what = /version|^python$/i.test(key) ? 'the version' : 'it';
    return `quote ${what}: ${key}: "${written}" (unquoted, YAML reads ${written} as the number ${issue.input})`;
  }
  return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
}

function sizeMessage(word: string, strictWord: string, bound: number | bigint, inclusive: boolean | undefined, origin: string, input: unknown): string {
  const limit = `${inclusive === false ? strictWord : word} ${String(bound)}`;
  if (origin === 'string') return Number(bound) === 1 && word === 'at least' ? 'must not be empty' : `must be ${limit} characters long`;
  if (origin === 'array') return `must list ${limit} item${Number(bound) === 1 ? '' : 's'}`;
  if (origin === 'number' || origin === 'int') return `must be ${limit}${typeof input === 'number' ? `; found ${input}` : ''}`;
  return `must be ${limit}`;
}

/** The value as a short phrase: `the number 3.1`, `the text "abc"`, `a list`. */
function describe(value: unknown): string {
  if (value === null) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
  if (typeof value === 'boolean') return String(value);
  return `the number ${String(value)}`;
}
