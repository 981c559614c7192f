#!/usr/bin/env node
// The `skylift` command: runs the built CLI, or says how to build it.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('error: Skylift is not built yet.\nhint: run `npm install` (it builds), or `npm run build`.\n');
  process.exit(1);
}
require(cli);
