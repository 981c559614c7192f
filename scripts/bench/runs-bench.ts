// npm run bench:runs — what runs.samples costs for a run of 100,002 samples, in one process:
// the store read, the contract's output check, JSON both ways and the decode: as objects (first),
// as columns read from the sample rows (then), and from the columns row a finished run keeps (now).
// The page's own figure, navigation to charts drawn, is the runs-open e2e's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { benchSampleSchema } from '../../shared/contract/runs';
import { decodeSampleColumns, encodeSampleColumns, sampleColumnsWireSchema } from '../../shared/contract/runs-samples';
import { RunStore } from '../../main/core/runs/run-store';
import { readSampleColumns } from '../../main/core/runs/sample-columns';
import { openDatabase } from '../../main/core/store/database';
import { largeRun } from '../../test/e2e/large-run';

const ROUNDS = 7;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-bench-runs-'));
try {
  const db = openDatabase(path.join(home, 'skylift.db'));
  const store = new RunStore(db);
  const { run, samples } = largeRun();
  store.insert(run);
  store.addSamples(run.id, samples);
  store.finish(run.id, 'complete', null);

  const objects = () => {
    const text = JSON.stringify({ ok: true, value: z.array(benchSampleSchema).parse(store.samples(run.id)) });
    return { text, count: (JSON.parse(text) as { value: unknown[] }).value.length };
  };
  const columnsVia = (read: () => ReturnType<typeof store.sampleColumns>) => () => {
    const text = JSON.stringify({ ok: true, value: sampleColumnsWireSchema.parse(encodeSampleColumns(read())) });
    return { text, count: decodeSampleColumns((JSON.parse(text) as { value: z.infer<typeof sampleColumnsWireSchema> }).value).count };
  };
  const fromRows = columnsVia(() => readSampleColumns(db, run.id));
  const kept = columnsVia(() => store.sampleColumns(run.id));

  for (const [name, path_] of [['objects', objects], ['columns from rows', fromRows], ['kept columns (now)', kept]] as const) {
    const times: number[] = [];
    let last = { text: '', count: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      last = path_();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const mb = (Buffer.byteLength(last.text) / 1e6).toFixed(1);
    console.log(`${name.padEnd(18)} ${last.count} samples, ${mb} MB of JSON: median ${times[ROUNDS >> 1].toFixed(0)} ms, best ${times[0].toFixed(0)} ms (read, check, JSON both ways, decode)`);
  }
} finally {
  fs.rmSync(home, { recursive: true, force: true });
}
