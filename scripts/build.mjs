// Builds every entry point into dist/: the CLI and Electron main as Node bundles (packages stay
// external), the preload as one self-contained file (a sandboxed preload cannot load packages),
// and the renderer with Vite.
import fs from 'node:fs';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __SKYLIFT_VERSION__: JSON.stringify(pkg.version) },
};

fs.rmSync('dist', { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['main/cli/index.ts'], outfile: 'dist/cli.cjs', packages: 'external' }),
  build({ ...node, entryPoints: ['main/app/main.ts'], outfile: 'dist/app/main.cjs', packages: 'external' }),
  build({ ...node, entryPoints: ['main/preload/index.ts'], outfile: 'dist/preload/index.cjs', external: ['electron'], sourcemap: false }),
]);
await viteBuild({ configFile: 'renderer.vite.config.ts', logLevel: 'warn' });
console.log('built dist/ (cli, app, preload, renderer)');
