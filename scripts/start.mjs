// `npm start`: the Electron app where its binary is installed; otherwise browser mode, saying why.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (!fs.existsSync('dist/app/main.cjs')) {
  console.error('Skylift is not built yet; building…');
  await run(process.execPath, ['scripts/build.mjs']);
}

const electron = electronBinary();
if (electron.path) {
  process.exit(await run(electron.path, ['.', ...process.argv.slice(2)]));
} else {
  console.error(`The Electron binary is not installed (${electron.reason}); starting browser mode instead.`);
  process.exit(await run(process.execPath, ['bin/skylift.cjs', 'serve', ...process.argv.slice(2)]));
}

function electronBinary() {
  try {
    const binary = require('electron'); // the package resolves to the binary's path, or throws when it was never downloaded
    return fs.existsSync(binary) ? { path: binary } : { reason: `${binary} is missing` };
  } catch {
    return { reason: 'it was skipped at install, e.g. with ELECTRON_SKIP_BINARY_DOWNLOAD=1' };
  }
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
