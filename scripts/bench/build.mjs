// npm run bench:build — Skylift's build against `docker build` on the same context and engine.
// A project with a 2 GB weights file; both sides build the same Dockerfile without cache,
// alternating, ROUNDS each. Reports median wall times, their ratio, and Skylift's peak RSS.
// Targets: ratio <= 1.10, peak RSS < 250 MB.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const WEIGHTS_BYTES = Number(process.env.BENCH_WEIGHTS_BYTES || 2 * 1024 ** 3);
const BASE = process.env.SKYLIFT_TEST_BASE_IMAGE || 'skylift-test/debian-python:bookworm';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-bench-build-'));
const env = { SKYLIFT_HOME: path.join(root, 'home') };
const project = path.join(root, 'project');
const dockerTag = 'skylift-bench/docker-build:latest';

function run(cmd, args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...extraEnv }, maxBuffer: 512 * 1024 ** 2 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}):\n${(result.stderr || '').slice(-3000)}`);
  return { seconds, stdout: result.stdout, stderr: result.stderr };
}

function makeProject() {
  fs.mkdirSync(path.join(project, 'weights'), { recursive: true });
  fs.writeFileSync(path.join(project, 'model.py'), 'class Model:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return payload\n');
  fs.writeFileSync(path.join(project, 'skylift.yaml'), `name: bench-build\npython: "3.11"\nframework:\n  name: none\nmodel: model:Model\nweights:\n  - weights/\ntargets:\n  local:\n    baseImage: ${BASE}\n`);
  // Real bytes, not a sparse file: a 64 MiB random block written over and over.
  const block = randomBytes(64 * 1024 ** 2);
  const fd = fs.openSync(path.join(project, 'weights', 'model.bin'), 'w');
  for (let written = 0; written < WEIGHTS_BYTES; written += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, WEIGHTS_BYTES - written));
  fs.closeSync(fd);
}

/** Skylift's context layout on disk, so `docker build` gets exactly what Skylift streams. */
function dockerContext() {
  const dir = path.join(root, 'docker-context');
  fs.mkdirSync(path.join(dir, 'skylift', 'runtime'), { recursive: true });
  fs.cpSync('resources/runtime/skylift_runtime', path.join(dir, 'skylift', 'runtime', 'skylift_runtime'), { recursive: true, filter: (s) => !s.includes('__pycache__') && !s.includes('/tests') });
  fs.mkdirSync(path.join(dir, 'weights', 'weights'), { recursive: true });
  fs.linkSync(path.join(project, 'weights', 'model.bin'), path.join(dir, 'weights', 'weights', 'model.bin'));
  fs.mkdirSync(path.join(dir, 'app'));
  for (const f of ['model.py', 'skylift.yaml']) fs.copyFileSync(path.join(project, f), path.join(dir, 'app', f));
  fs.copyFileSync(path.join(project, '.skylift', 'Dockerfile.local'), path.join(dir, 'Dockerfile'));
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  console.log(`bench:build — ${(WEIGHTS_BYTES / 1024 ** 3).toFixed(1)} GiB weights, ${ROUNDS} rounds each, base ${BASE}`);
  makeProject();
  run('node', ['bin/skylift.cjs', 'dockerfile', project, '--variant', 'local', '--eject'], env);
  const context = dockerContext();
  const docker = [];
  const skylift = [];
  const rss = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // DOCKER_BUILDKIT=0: the classic builder, as Skylift uses on this engine, so like is compared with like.
    docker.push(run('docker', ['build', '--no-cache', '-q', '-t', dockerTag, context], { DOCKER_BUILDKIT: '0' }).seconds);
    const ours = run('node', ['--require', path.resolve('scripts/bench/rss-probe.cjs'), 'bin/skylift.cjs', 'build', project, '--variant', 'local', '--no-cache', '--json'], env);
    skylift.push(ours.seconds);
    rss.push(Number(/skylift-bench-maxrss-kb=(\d+)/.exec(ours.stderr)[1]) / 1024);
    console.log(`round ${round}: docker build ${docker.at(-1).toFixed(2)} s, skylift build ${skylift.at(-1).toFixed(2)} s, skylift peak RSS ${rss.at(-1).toFixed(0)} MB`);
  }
  const ratio = median(skylift) / median(docker);
  const peak = Math.max(...rss);
  console.log(`\nmedian docker build  ${median(docker).toFixed(2)} s`);
  console.log(`median skylift build ${median(skylift).toFixed(2)} s`);
  console.log(`wall-time ratio      ${ratio.toFixed(3)}  (target <= 1.10: ${ratio <= 1.1 ? 'met' : 'NOT met'})`);
  console.log(`skylift peak RSS     ${peak.toFixed(0)} MB  (target < 250 MB: ${peak < 250 ? 'met' : 'NOT met'})`);
} finally {
  spawnSync('docker', ['rmi', '-f', dockerTag, 'skylift/bench-build:local'], { stdio: 'ignore' });
  spawnSync('docker', ['image', 'prune', '-f'], { stdio: 'ignore' });
  fs.rmSync(root, { recursive: true, force: true });
}
