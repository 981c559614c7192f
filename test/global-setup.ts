import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromiumPath } from './helpers/chromium';

/**
 * The suite runs against a real Docker engine and a real Chromium. Missing either is a broken
 * test machine, not a reason to skip: say what to install and stop.
 */
export default function checkPrerequisites(): void {
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
}
