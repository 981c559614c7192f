/**
 * A response body as a reader wants it: JSON indented by two, but arrays of plain values kept on
 * one line (a model's probabilities would otherwise take a line per number). Not JSON: as it came.
 */
export function prettyJson(body: string): string {
  try {
    return format(JSON.parse(body), 0);
  } catch {
    return body;
  }
}

const pad = (depth: number): string => '  '.repeat(depth);

function format(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => pad(depth + 1) + format(item, depth + 1)).join(',\n')}\n${pad(depth)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, item]) => `${pad(depth + 1)}${JSON.stringify(key)}: ${format(item, depth + 1)}`).join(',\n')}\n${pad(depth)}}`;
  }
  return JSON.stringify(value);
}
