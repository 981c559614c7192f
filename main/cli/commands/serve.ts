import { InvalidArgumentError, type Command } from 'commander';
import { settleWithin } from '../../core/deadline';
import { createErrorLog } from '../../core/log';
import { isLoopbackHost, newSessionToken } from '../../web/auth';
import { keepServingOnUncaughtErrors } from '../../web/process-guard';
import { startWebServer } from '../../web/server';
import { openCliCore } from '../context';
import { ExitCode } from '../output';

interface ServeOptions {
  port: number;
  host: string;
  allowRemote?: boolean;
  allowedHost?: string[];
}

export const DEFAULT_PORT = 7790;
/** How long Ctrl-C waits for running jobs to cancel before serve exits anyway. */
const STOP_DEADLINE_MS = 10_000;

export function registerServeCommand(program: Command, rendererDir: string): void {
  program
    .command('serve')
    .description('Serve the Skylift UI to a browser (for a remote GPU box, open it through an SSH tunnel)')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--allow-remote', 'allow binding an address other than loopback (anyone who has the token gets full control)')
    .option('--allowed-host <name>', 'another host name browsers may use to reach this server (repeatable)', collect)
    .action(async (opts: ServeOptions, command: Command) => {
      if (!isLoopbackHost(opts.host) && !opts.allowRemote) {
        command.error(
          `error: --host ${opts.host} is not a loopback address. Add --allow-remote to bind it anyway, or keep 127.0.0.1 and use an SSH tunnel (ssh -L ${opts.port}:127.0.0.1:${opts.port} box).`,
          { exitCode: ExitCode.Usage },
        );
      }
      const core = openCliCore();
      const log = createErrorLog(core.deps.data.dataDir);
      const server = await startWebServer({
        dispatch: core.dispatch,
        bus: core.bus,
        token: newSessionToken(),
        host: opts.host,
        port: opts.port,
        staticDir: rendererDir,
        logError: log.error,
        extraHosts: opts.allowedHost ?? [],
      }).catch(async (error: NodeJS.ErrnoException) => {
        await core.close();
        const reason = error.code === 'EADDRINUSE' ? `port ${opts.port} is already in use (try --port 0)` : error.message;
        command.error(`error: cannot listen on ${opts.host}:${opts.port}: ${reason}`, { exitCode: ExitCode.Failed });
      });
      if (!isLoopbackHost(opts.host)) {
        process.stderr.write(`warning: listening on ${opts.host}, beyond this machine. Anyone who can reach it and has the token controls Skylift and the Docker engine.\n`);
      }
      keepServingOnUncaughtErrors(process, log.error, (line) => process.stderr.write(line), log.file);
      process.stdout.write(`Skylift is serving at ${server.url}\nOpen: ${server.openUrl}\nPress Ctrl-C to stop.\n`);
      const stop = async () => {
        await server.close();
        // Cancelling jobs removes their containers, but a stuck engine call must not keep Ctrl-C from working.
        const closed = await settleWithin(core.close(), STOP_DEADLINE_MS);
        if (closed.outcome === 'failed') log.error('serve: stopping', closed.error);
        if (closed.outcome === 'timed-out') log.error('serve: stopping', new Error(`jobs did not finish cancelling within ${STOP_DEADLINE_MS / 1000} s; exited anyway`));
        process.exit(ExitCode.Ok);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
