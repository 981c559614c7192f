import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { FAULT_LOG_ENV, tallyFaults } from '../faults/fault-log';

/**
 * Ends the run with one plain line (`Tests: N passed, N failed, N skipped`) and names every
 * skipped test with its reason, so a skip can never pass for a pass.
 */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else skipped.push(`${test.fullName} — ${('note' in result && result.note) || 'no reason given'}`);
      }
    }
    const lines = skipped.map((s) => `skipped: ${s}`);
    lines.push(...faultLines());
    lines.push(`Tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

/** The fault suite's count: per area, then `faults: N tried, N handled, N unsafe`, each unsafe case named. */
function faultLines(): string[] {
  const file = process.env[FAULT_LOG_ENV];
  const tally = file ? tallyFaults(file) : null;
  if (file) fs.rmSync(file, { force: true });
  if (!tally) return [];
  const areas = [...tally.byArea.entries()].sort(([a], [b]) => a.localeCompare(b));
  return [
    ...areas.map(([area, counts]) => `faults/${area}: ${counts.tried} tried, ${counts.handled} handled`),
    ...tally.unsafe.map((r) => `unsafe: ${r.area}: ${r.name} — ${r.detail ?? ''}`),
    `faults: ${tally.tried} tried, ${tally.handled} handled, ${tally.unsafe.length} unsafe`,
  ];
}
