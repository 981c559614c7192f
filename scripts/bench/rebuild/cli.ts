// The `skylift` CLI as a user runs it, bundled from the current sources into the bench's own
// folder (as scripts/build.mjs bundles dist/cli.cjs), so the bench never rewrites the shared dist/.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { run, type Ran } from './proc';

export interface Cli {
  /** node + the bundle: argv for spawn. */
  argv: string[];
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { home?: string; rss?: boolean; timeoutMs?: number }): Promise<Ran & { rssMb: number | null }>;
}

export async function bundleCli(root: string, home: string): Promise<Cli> {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
  // resources/ sits next to the bundle's folder, as it does next to dist/.
  const outfile = path.join(root, 'cli', 'cli.cjs');
  await build({
    entryPoints: ['main/cli/index.ts'], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'error',
    define: { __SKYLIFT_VERSION__: JSON.stringify(pkg.version) },
  });
  fs.symlinkSync(path.resolve('resources'), path.join(root, 'resources'));
  const env = { NODE_PATH: path.resolve('node_modules'), SKYLIFT_HOME: home };
  const probe = path.resolve('scripts/bench/rss-probe.cjs');
  return {
    argv: [process.execPath, outfile],
    env,
    async run(args, options = {}) {
      const pre = options.rss ? ['--require', probe] : [];
      const ran = await run(process.execPath, [...pre, outfile, ...args], { env: { ...env, ...(options.home ? { SKYLIFT_HOME: options.home } : {}) }, timeoutMs: options.timeoutMs });
      const rss = /skylift-bench-maxrss-kb=(\d+)/.exec(ran.stderr);
      return { ...ran, rssMb: rss ? Number(rss[1]) / 1024 : null };
    },
  };
}
