// The committed lockfile must satisfy `npm ci` on every platform: npm refuses a lockfile that lacks
// another platform's optional native packages (rollup's, esbuild's), so a clean install fails there.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { encoding: 'utf8', shell: process.platform === 'win32' });
if (result.status !== 0) {
  const reason = (result.stderr || result.stdout || '').split('\n').filter((line) => /Missing|Invalid|error/i.test(line)).slice(0, 5).join('\n');
  console.error(`package-lock.json is not accepted by \`npm ci\`:\n${reason}\nRun \`npm install\` (it records every platform's optional packages) and commit package-lock.json.`);
  process.exit(1);
}
console.log('lockfile: npm ci accepts package-lock.json');
