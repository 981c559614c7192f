import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Real processes that open one database at the same instant, as eight `skylift` commands started
 * together do. The store module is bundled once with esbuild so each child is a plain `node` run.
 */
const CHILD_SOURCE = `
import { openDatabase } from ${JSON.stringify(path.resolve('main/core/store/database.ts'))};
const [file, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {} // a barrier: every child opens at the same moment
try {
  openDatabase(file).close();
  process.stdout.write('ok');
} catch (error) {
  process.stdout.write(String(error.code ?? 'NO_CODE') + ': ' + error.message);
}
`;

export async function bundleOpenStoreChild(dir: string): Promise<string> {
  const entry = path.join(dir, 'open-store-child.ts');
  const outfile = path.join(dir, 'open-store-child.cjs');
  fs.writeFileSync(entry, CHILD_SOURCE);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], nodePaths: [path.resolve('node_modules')], logLevel: 'silent' });
  return outfile;
}

/** Starts `count` children on `file` together; resolves with what each printed ('ok' or its error). */
export async function openTogether(script: string, file: string, count: number): Promise<string[]> {
  const startAt = Date.now() + 400; // long enough for every child to load before the barrier lifts
  const children = Array.from({ length: count }, () => runChild(script, file, startAt));
  return Promise.all(children);
}

function runChild(script: string, file: string, startAt: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, file, String(startAt)], { cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.resolve('node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(out || `exit ${code}`);
    });
  });
}
