// Runs a TypeScript benchmark: bundles it with esbuild (dependencies stay external) and runs it with node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/bench/run-ts.mjs scripts/bench/NAME.ts');
  process.exit(2);
}
// Inside the repository (dist/ is ignored), so the bundle's require() finds node_modules.
const outfile = path.join('dist', 'bench', `${path.basename(entry, '.ts')}.cjs`);
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'error' });
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { stdio: 'inherit', cwd: process.cwd() });
process.exit(result.status ?? 1);
