// npm run bench:harness — Skylift's bench harness against wrk, on a trivial loopback server.
// (1) Latency at concurrency 1: wrk -t1 -c1 for 10 s and our closed loop for as long, in alternate
//     rounds of 2 s (a shared machine's load then falls on both); p50/p99 of both and the ratio of
//     p50s (target: ours within 10% of wrk's).
// (2) The harness's own ceiling: our closed loop at concurrency 64 on one core (target ≥ 5,000 req/s).
// For context, no target: the same pair against a route that answers after a 1 ms timer, which shows
// whether the difference is a fixed cost per request or grows with latency.
// The server runs in its own process (pinned to another core when there is one); wrk and the
// harness are pinned to core 0. Whole run: well under 2 minutes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..', '..');
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const CONTEXT_SECONDS = Number(process.env.BENCH_CONTEXT_SECONDS || 4);
const CONTEXT_ROUNDS = 2;
const MAX_RATE_SECONDS = Number(process.env.BENCH_MAX_RATE_SECONDS || 8);
const MAX_RATE_CONCURRENCY = Number(process.env.BENCH_MAX_RATE_CONCURRENCY || 64);
const TARGET_P50_RATIO = 1.1;
const TARGET_RATE = 5000;

const mode = process.argv[2];
if (mode === '--server') serve();
else if (mode === '--client') await client(JSON.parse(process.argv[3]));
else await main();

/** The trivial server: 200 'ok' as soon as the request body has arrived (/sleep: after a 1 ms timer). */
function serve() {
  const server = http.createServer((request, response) => {
    const sleep = request.url.startsWith('/sleep');
    request.on('end', () => (sleep ? setTimeout(() => response.end('ok'), 1) : response.end('ok')));
    request.resume();
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
  process.on('SIGTERM', () => process.exit(0));
}

/** One measured run in a process of its own, so it can be pinned; prints the summary as JSON. */
async function client({ bundle, url, concurrency, requests, warmup, limitMs }) {
  const bench = createRequire(import.meta.url)(bundle);
  const target = bench.httpTarget(url);
  const payloads = [Buffer.from('{"x":1}')];
  try {
    await bench.runBench({ target, payloads, warmup, load: { mode: 'closed', requests: warmup, concurrency }, signal: new AbortController().signal });
    const started = performance.now();
    const samples = await bench.runBench({ target, payloads, warmup: 0, load: { mode: 'closed', requests, concurrency }, signal: AbortSignal.timeout(limitMs) });
    const wallMs = performance.now() - started;
    process.stdout.write(`${JSON.stringify({ ...bench.summarise(samples, wallMs), wallMs })}\n`);
  } finally {
    target.close();
  }
}

async function main() {
  // Under node_modules/.cache so the bundle's bare imports resolve from the repository's node_modules.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cache, 'skylift-bench-harness-'));
  const cpus = os.availableParallelism();
  const pin = hasTaskset();
  const server = pin && cpus > 1 ? ['taskset', ['-c', '1', process.execPath, SELF, '--server']] : [process.execPath, [SELF, '--server']];
  const onCore0 = (cmd, args) => (pin ? ['taskset', ['-c', '0', cmd, ...args]] : [cmd, args]);
  let serverProcess;
  try {
    requireWrk();
    const bundle = await buildHarness(tmp);
    serverProcess = spawn(server[0], server[1], { stdio: ['ignore', 'pipe', 'inherit'] });
    const { port } = await firstJsonLine(serverProcess.stdout);
    const url = `http://127.0.0.1:${port}/`;
    console.log(`bench:harness — server ${url} (${pin && cpus > 1 ? 'core 1' : 'unpinned'}), clients ${pin ? 'pinned to core 0' : 'unpinned'}, ${cpus} CPUs, Node ${process.version}`);

    const plain = compareAtConcurrencyOne(onCore0, bundle, url, ROUNDS, LATENCY_SECONDS / ROUNDS);
    const sleep = compareAtConcurrencyOne(onCore0, bundle, `${url}sleep`, CONTEXT_ROUNDS, CONTEXT_SECONDS / CONTEXT_ROUNDS);
    const maxRate = runClient(onCore0, { bundle, url, concurrency: MAX_RATE_CONCURRENCY, requests: 10_000_000, warmup: 5000, limitMs: MAX_RATE_SECONDS * 1000 });

    const ratio = plain.ours.p50Ms / plain.wrk.p50Ms;
    const rate = maxRate.throughputPerSec;
    const row = (name, r) => [name, fmt(r.p50Ms), fmt(r.p99Ms), Math.round(r.ratePerSec), r.requests];
    const rows = [
      row('wrk -t1 -c1 (closed, c=1)', plain.wrk),
      row('harness closed, c=1', plain.ours),
      row('wrk -t1 -c1, 1 ms route', sleep.wrk),
      row('harness closed, c=1, 1 ms route', sleep.ours),
      row(`harness closed, c=${MAX_RATE_CONCURRENCY}, one core`, { ...maxRate, ratePerSec: rate, requests: maxRate.count }),
    ];
    console.log(`c=1 rows: median over ${ROUNDS} (1 ms route: ${CONTEXT_ROUNDS}) alternating rounds of wrk and harness, ${LATENCY_SECONDS / ROUNDS} s each`);
    console.log(table(['run', 'p50 ms', 'p99 ms', 'req/s', 'requests'], rows));
    const p50Met = Math.abs(ratio - 1) <= TARGET_P50_RATIO - 1;
    console.log(`p50 ratio harness/wrk: ${ratio.toFixed(3)}, ${micros(plain.ours.p50Ms - plain.wrk.p50Ms)} (target within 10%): ${p50Met ? 'MET' : 'NOT MET'}`);
    console.log(`  context, 1 ms route: ratio ${(sleep.ours.p50Ms / sleep.wrk.p50Ms).toFixed(3)}, ${micros(sleep.ours.p50Ms - sleep.wrk.p50Ms)}`);
    console.log(`harness max sustained rate: ${Math.round(rate)} req/s with ${maxRate.errors} errors (target ≥ ${TARGET_RATE}): ${rate >= TARGET_RATE && maxRate.errors === 0 ? 'MET' : 'NOT MET'}`);
  } finally {
    serverProcess?.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** TypeScript is not built for scripts: bundle the harness on the fly, dependencies left external. */
async function buildHarness(tmp) {
  const { build } = await import('esbuild');
  const outfile = path.join(tmp, 'bench.cjs');
  await build({ entryPoints: [path.join(ROOT, 'main/core/bench/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

/**
 * wrk and the harness in alternate rounds, so that load from elsewhere on the machine falls on both
 * alike; each side's p50 and p99 are the medians of its rounds.
 */
function compareAtConcurrencyOne(onCore0, bundle, url, rounds, seconds) {
  const wrk = [];
  const ours = [];
  for (let round = 0; round < rounds; round++) {
    const w = runWrk(onCore0, url, seconds);
    wrk.push(w);
    ours.push(runClient(onCore0, { bundle, url, concurrency: 1, requests: w.requests, warmup: 1000, limitMs: seconds * 1000 + 1000 }));
  }
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const side = (runs, counts, wallSeconds) => ({
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    requests: sum(counts),
    ratePerSec: sum(counts) / wallSeconds,
  });
  return {
    wrk: side(wrk, wrk.map((r) => r.requests), rounds * seconds),
    ours: side(ours, ours.map((r) => r.count), sum(ours.map((r) => r.wallMs)) / 1000),
  };
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function runWrk(onCore0, url, seconds) {
  const [cmd, args] = onCore0('wrk', ['-t1', '-c1', `-d${seconds}s`, '--latency', url]);
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: (seconds + 20) * 1000 });
  if (result.status !== 0) throw new Error(`wrk failed (${result.status}): ${result.stderr || result.stdout}`);
  const requests = Number(/(\d+) requests in/.exec(result.stdout)?.[1]);
  return { p50Ms: wrkPercentile(result.stdout, '50%'), p99Ms: wrkPercentile(result.stdout, '99%'), requests };
}

/** wrk --latency prints lines such as "     50%   41.00us" or "     99%    1.20ms". */
function wrkPercentile(output, label) {
  const match = new RegExp(`^\\s*${label.replace('.', '\\.')}\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
  if (!match) throw new Error(`No ${label} line in wrk's output:\n${output}`);
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2]];
}

function runClient(onCore0, spec) {
  const [cmd, args] = onCore0(process.execPath, [SELF, '--client', JSON.stringify(spec)]);
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: spec.limitMs + 30_000, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`harness run failed (${result.status ?? result.signal})`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

function hasTaskset() {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

function requireWrk() {
  if (spawnSync('wrk', ['-v']).error) throw new Error('wrk is not installed: apt-get install -y wrk');
}

function firstJsonLine(stream) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the benchmark server did not start in 10 s')), 10_000);
    stream.on('data', (chunk) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(buffered.slice(0, newline)));
    });
  });
}

function micros(ms) {
  return `${ms >= 0 ? '+' : '−'}${Math.abs(ms * 1000).toFixed(0)} µs`;
}

function fmt(ms) {
  return ms.toFixed(3);
}

function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
