import type { Command } from 'commander';
import type { EngineStatus } from '../../../shared/contract';
import { withCli } from '../dispatch';
import { formatBytes } from '../../../shared/text/bytes';
import { ExitCode, printError, printResult } from '../output';

export function registerEngineCommand(program: Command): void {
  program
    .command('engine')
    .description("Show the Docker engine Skylift uses: reachable or not, version, resources, GPU support")
    .option('--json', 'print machine-readable JSON on stdout')
    .action(async (opts: { json?: boolean }) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ call }) => {
        const status = await call('engine', 'status', {});
        if (!status.reachable) {
          printError(out, status.error);
          process.exitCode = ExitCode.Failed;
          return;
        }
        printResult(out, status, () => describeEngine(status));
      });
    });
}

function describeEngine(status: Extract<EngineStatus, { reachable: true }>): string {
  const { info, endpoint } = status;
  const rows: Array<[string, string]> = [
    ['Endpoint', `${endpoint.url} (${endpoint.contextName ? `context ${endpoint.contextName}` : endpoint.source})`],
    ['Docker', `${info.serverVersion} (API ${info.apiVersion})`],
    ['OS / arch', `${info.operatingSystem} · ${info.osType}/${info.architecture}`],
    ['Kernel', info.kernelVersion],
    ['CPUs / memory', `${info.cpus} · ${formatBytes(info.memoryBytes)}`],
    ['Storage driver', info.storageDriver + (info.rootless ? ' (rootless)' : '')],
    ['GPU', `${info.gpu.usable ? 'usable' : 'not usable'} — ${info.gpu.summary}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
