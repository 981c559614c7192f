import type { Reporter, TestModule } from 'vitest/node';

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
    lines.push(`Tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
