import type { PlatformReport } from '../../../../shared/contract';
import { formatMs } from '../runs/run-format';
import { prettyJson } from './pretty-json';

/** A response body as a person reads it: a model's error as a heading and its trace, a text answer as lines, JSON indented. */
export type ReadableBody = { kind: 'error'; heading: string; trace: string } | { kind: 'text'; text: string } | { kind: 'json'; text: string };

function parse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Lambda's `{errorType, errorMessage, stackTrace}`, the HTTP adapter's `{error: {type, message}}` or
 * `{error: "…"}`, or a JSON string with line breaks (a traceback a model returned as its answer).
 */
export function readableBody(body: string): ReadableBody {
  const parsed = parse(body);
  if (!parsed.ok) return { kind: 'text', text: body };
  const value = parsed.value;
  if (typeof value === 'string') return value.includes('\n') ? { kind: 'text', text: value } : { kind: 'json', text: body };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const message = text(record.errorMessage);
    if (message !== null) {
      const frames = Array.isArray(record.stackTrace) ? record.stackTrace.map((frame) => String(frame).replace(/\n$/, '')) : [];
      return { kind: 'error', heading: headed(text(record.errorType), message), trace: frames.join('\n') };
    }
    const error = record.error;
    if (typeof error === 'string') return { kind: 'error', heading: error.split('\n')[0], trace: error.split('\n').slice(1).join('\n') };
    if (error !== null && typeof error === 'object') {
      const inner = error as Record<string, unknown>;
      const detail = text(inner.message);
      if (detail !== null) return { kind: 'error', heading: headed(text(inner.type), detail.split('\n')[0]), trace: detail.split('\n').slice(1).join('\n') };
    }
  }
  return { kind: 'json', text: prettyJson(body) };
}

const headed = (type: string | null, message: string): string => (type ? `${type}: ${message}` : message);

export interface Figure {
  label: string;
  value: string;
  /** What the figure means, for a tooltip and screen readers. */
  meaning: string;
}

/**
 * Lambda's REPORT as labelled figures, from the parsed numbers (never the raw line): Duration is the
 * handler's time, Billed what is charged, Init Duration only on a cold start (the model's setup).
 */
export function reportFigures(serverDurationMs: number | null, report: PlatformReport): Figure[] {
  const figures: Figure[] = [];
  if (serverDurationMs !== null) figures.push({ label: 'Duration', value: formatMs(serverDurationMs), meaning: 'Time spent in the handler for this request.' });
  if (report.billedDurationMs !== null) figures.push({ label: 'Billed', value: `${report.billedDurationMs} ms`, meaning: 'Billed duration, rounded up to the millisecond; a cold start of an image also bills its init.' });
  if (report.memorySizeMb !== null && report.memorySizeMb !== undefined) figures.push({ label: 'Memory', value: `${report.memorySizeMb} MB`, meaning: 'Memory the function is configured with.' });
  if (report.maxMemoryUsedMb !== null) figures.push({ label: 'Max memory used', value: `${report.maxMemoryUsedMb} MB`, meaning: 'Peak memory of the execution environment so far.' });
  if (report.initDurationMs !== null) figures.push({ label: 'Init Duration', value: formatMs(report.initDurationMs), meaning: SETUP_MEANING.lambda });
  return figures;
}

/** What "model setup" measures differs by protocol: say which it is. */
export const SETUP_MEANING = {
  lambda: "Lambda's Init Duration: the execution environment's start, the runtime and your model's load(), on a cold start only.",
  http: "The adapter's load time: your model's load() when the container started, timed by Skylift's adapter.",
} as const;

export const setupLabel = (lambda: boolean): string => (lambda ? 'Model setup (Lambda Init Duration)' : 'Model setup (adapter load time)');
