import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestCa, TEST_TLS_DIR_ENV } from './doubles/tls';
import { FAULT_LOG_ENV } from './faults/fault-log';
import { chromiumPath } from './helpers/chromium';

/**
 * The suite runs against a real Docker engine and a real Chromium. Missing either is a broken
 * test machine, not a reason to skip: say what to install and stop.
 */
export default function checkPrerequisites(): () => void {
  const problems: string[] = [];
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    problems.push('No Docker engine answers (docker version failed). Install docker.io and start dockerd — .ci/run does both.');
  }
  if (!fs.existsSync(chromiumPath())) {
    problems.push(`No Chromium at ${chromiumPath()}. Install Debian's chromium (apt-get install chromium) or set SKYLIFT_CHROMIUM.`);
  }
  if (!fs.existsSync('dist/cli.cjs') || !fs.existsSync('dist/renderer/index.html')) {
    problems.push('dist/ is not built. Run `npm run build` (npm test does it first).');
  }
  if (problems.length > 0) throw new Error(`Test prerequisites missing:\n- ${problems.join('\n- ')}`);
  // The build tests' base image: made once with debootstrap (Docker Hub is out of reach), cached by tag.
  execFileSync('bash', ['test/env/base-image.sh'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  const removeCa = trustTestCa();
  startFaultLog();
  return removeCa;
}

/** Fault probes in every worker append to one file (workers copy process.env); the reporter tallies and removes it. */
function startFaultLog(): void {
  const file = path.join(os.tmpdir(), `skylift-faults-${process.pid}-${Date.now()}.jsonl`);
  fs.writeFileSync(file, '');
  process.env[FAULT_LOG_ENV] = file;
}

/**
 * HTTPS doubles use a CA made for this run. Node reads NODE_EXTRA_CA_CERTS only at start-up, so it
 * is set here, before vitest forks its workers (they copy process.env), and children inherit it.
 */
function trustTestCa(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-test-ca-'));
  process.env.NODE_EXTRA_CA_CERTS = makeTestCa(dir);
  process.env[TEST_TLS_DIR_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
