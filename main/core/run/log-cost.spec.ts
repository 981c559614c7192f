import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { EventBus } from '../events';
import { JobRunner } from '../jobs/job-runner';
import { JobStore } from '../jobs/job-store';
import { redactor } from '../redact';
import { openDatabase } from '../store/database';
import { LineSplitter } from './line-splitter';
import { ContainerLogBuffer } from './log-buffer';

/**
 * Reports (does not assert) what one container log line costs on the event loop that also
 * timestamps bench requests: straight to job.log (redaction + SQLite insert + broadcast per line,
 * as before) against through ContainerLogBuffer (a push now, one event per batch later).
 * Run: npx vitest run main/core/run/log-cost.spec.ts
 */
describe('container log cost on the event loop (report)', () => {
  const tempDir = useTempDir();
  const LINE = 'skylift: POST /predict 200';

  const runner = () => {
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    const store = new JobStore(db);
    return { db, store, jobs: new JobRunner({ store, bus: new EventBus(), redact: redactor.redact }) };
  };

  /** Runs `body` inside a real job; returns µs per line spent synchronously on the loop. */
  type After = { timed?: () => void; untimed?: () => void };
  const perLine = async (lines: number, body: (log: (line: string, stream: 'stdout' | 'stderr' | 'info') => void) => After | void) => {
    const { db, store, jobs } = runner();
    let micros = 0;
    const job = jobs.start({ kind: 'run', title: 'measure' }, async (ctx) => {
      const started = performance.now();
      const after = body((line, stream) => ctx.log(line, stream));
      after?.timed?.();
      micros = ((performance.now() - started) * 1000) / lines;
      after?.untimed?.();
    });
    await jobs.wait(job.id);
    const events = store.events(job.id, -1).length;
    db.close();
    return { micros, events };
  };

  const direct = (lines: number) =>
    perLine(lines, (log) => {
      for (let i = 0; i < lines; i++) log(`${LINE} ${i}`, 'stderr');
    });
  /** The flush is counted too when `withFlush`: all of it runs on the same loop. */
  const buffered = (lines: number, withFlush: boolean) =>
    perLine(lines, (log) => {
      const buffer = new ContainerLogBuffer(log);
      for (let i = 0; i < lines; i++) buffer.push(`${LINE} ${i}`, 'stderr');
      return withFlush ? { timed: () => buffer.close() } : { untimed: () => buffer.close() };
    });

  it('per line: direct job.log vs the log buffer, for a flood and for a few lines that are all kept', async () => {
    for (const lines of [20_000, 400]) {
      const before = await direct(lines);
      const push = await buffered(lines, false);
      const all = await buffered(lines, true);
      console.log(
        `${lines} lines: direct job.log ${before.micros.toFixed(2)} µs/line (${before.events} job events); ` +
          `buffer push ${push.micros.toFixed(2)} µs/line; push + flush ${all.micros.toFixed(2)} µs/line (${all.events} job events, ` +
          `the flushes ${(((all.micros - push.micros) * lines) / 1000).toFixed(1)} ms in all)`,
      );
      expect(before.events).toBeGreaterThanOrEqual(lines);
      expect(all.events).toBeLessThan(10);
    }
  });

  it('splitting: one 4 MB line in 16 KiB chunks, the old concatenate-and-split against LineSplitter', () => {
    const chunk = Buffer.alloc(16 * 1024, 'z');
    const chunks = 256;
    const oldStarted = performance.now();
    let pending = '';
    let oldLines = 0;
    for (let i = 0; i < chunks; i++) {
      pending += chunk.toString('utf8'); // what followLogs did: the whole pending line re-split per chunk
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      oldLines += parts.length;
    }
    const oldMs = performance.now() - oldStarted;
    const newStarted = performance.now();
    let newLines = 0;
    const splitter = new LineSplitter(() => newLines++);
    for (let i = 0; i < chunks; i++) splitter.write(chunk);
    splitter.end();
    const newMs = performance.now() - newStarted;
    console.log(`4 MB line: old splitter ${oldMs.toFixed(1)} ms, LineSplitter ${newMs.toFixed(1)} ms`);
    expect([oldLines, newLines]).toEqual([0, 1]);
  });
});
