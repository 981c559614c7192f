import fs from 'node:fs';
import { expect } from 'vitest';

/** Global setup points this at a file; every fault probe in every worker appends one JSON line to it. */
export const FAULT_LOG_ENV = 'SKYLIFT_FAULT_LOG';

export type FaultOutcome = 'handled' | 'unsafe';

export interface FaultRecord {
  /** The class of fault: "web", "lambda-runtime", "bench", "build-context", … */
  area: string;
  name: string;
  outcome: FaultOutcome;
  /** Why it counted as unsafe (the probe's failure message). */
  detail?: string;
}

/**
 * Runs one fault probe: the probe injects the fault and throws when Skylift's reaction is unsafe
 * (a crash, a hang past its deadline, a wrong cause, a result that lies). Every probe is counted,
 * so the suite can print `faults: N tried, N handled, 0 unsafe`. Returns the outcome; the calling
 * test asserts it, so an unsafe case also fails the test run.
 */
export async function probeFault(area: string, name: string, probe: () => unknown | Promise<unknown>): Promise<FaultRecord> {
  let record: FaultRecord;
  try {
    await probe();
    record = { area, name, outcome: 'handled' };
  } catch (error) {
    record = { area, name, outcome: 'unsafe', detail: error instanceof Error ? error.message : String(error) };
  }
  appendFaultRecords([record]);
  return record;
}

/** A probe's own assertion: the message becomes the unsafe record's detail. */
export function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * A `within(what, promise, ms?)` for one spec's deadline: the promise's value, or a throw naming
 * the hang once `ms` (the spec's deadline unless given) pass. A probe that waits that long is unsafe.
 */
export function withinDeadline(deadlineMs: number) {
  return async function within<T>(what: string, promise: Promise<T>, ms = deadlineMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms (a hang)`)), ms)));
    try {
      return await Promise.race([promise, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The test's assertion on a probe: an unsafe case fails the run with its detail. */
export const expectHandled = (record: FaultRecord) => expect(record.outcome, record.detail).toBe('handled');

/** For fuzzers that try thousands of inputs: record them in one write. */
export function appendFaultRecords(records: readonly FaultRecord[]): void {
  const file = process.env[FAULT_LOG_ENV];
  if (!file || records.length === 0) return;
  fs.appendFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

export interface FaultTally {
  tried: number;
  handled: number;
  unsafe: FaultRecord[];
  byArea: Map<string, { tried: number; handled: number }>;
}

export function tallyFaults(file: string): FaultTally | null {
  if (!fs.existsSync(file)) return null;
  const tally: FaultTally = { tried: 0, handled: 0, unsafe: [], byArea: new Map() };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as FaultRecord;
    const area = tally.byArea.get(record.area) ?? { tried: 0, handled: 0 };
    tally.tried++;
    area.tried++;
    if (record.outcome === 'handled') {
      tally.handled++;
      area.handled++;
    } else tally.unsafe.push(record);
    tally.byArea.set(record.area, area);
  }
  return tally.tried > 0 ? tally : null;
}
