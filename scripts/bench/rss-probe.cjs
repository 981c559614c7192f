// Preloaded into the measured `skylift build` process: reports its own peak RSS when it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nskylift-bench-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
