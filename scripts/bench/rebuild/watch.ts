// Watch mode, driven as a user drives it: `skylift run DIR --variant local --watch`, a saved edit
// of model.py, and the same address polled until it answers with the new code.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Cli } from './cli';
import type { Cleanup } from './cleanup';
import { until } from './proc';
import { setVersion } from './project';

export interface WatchRound {
  /** Save → the same address answering with the new code, as polled here. */
  totalSeconds: number;
  /** Skylift's own split of that swap (its printed line), when it printed one. */
  rebuildSeconds: number | null;
  loadSeconds: number | null;
}

const SWAP_LINE = /rebuilt in ([\d.]+) s · model loaded in ([\d.]+) s · answering ([\d.]+) s after save/;
const START_DEADLINE_MS = 180_000;
const SWAP_DEADLINE_MS = 120_000;

/** `address` is what `skylift run` prints: the local variant's predict URL. */
async function answeredVersion(address: string): Promise<number | null> {
  const answer = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2_000) });
  if (answer.status !== 200) return null;
  const body = (await answer.json()) as { version?: unknown };
  return typeof body.version === 'number' ? body.version : null;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    // Ctrl-C, as a user stops it: Skylift removes its containers.
    child.kill('SIGINT');
  });
}

export async function watchRounds(cli: Cli, cleanup: Cleanup, project: string, rounds: number): Promise<WatchRound[]> {
  const child = spawn(cli.argv[0]!, [...cli.argv.slice(1), 'run', project, '--variant', 'local', '--watch'], { env: { ...process.env, ...cli.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.step(() => stop(child));
  let output = '';
  const onData = (c: Buffer) => { output += c.toString(); };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const gone = () => (child.exitCode !== null || child.signalCode !== null ? `skylift run --watch exited (${child.exitCode ?? child.signalCode}):\n${output.slice(-3000)}` : null);
  let address = '';
  await until('skylift run --watch printing its address', START_DEADLINE_MS, async () => {
    address = /Running at (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    return address !== '' && (await answeredVersion(address)) !== null;
  }, 100, gone);
  console.log(`watch: serving at ${address}`);
  const results: WatchRound[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const swapsBefore = output.match(new RegExp(SWAP_LINE, 'g'))?.length ?? 0;
    setVersion(project, round);
    const saved = process.hrtime.bigint();
    await until(`round ${round}: ${address} answering version ${round}`, SWAP_DEADLINE_MS, async () => (await answeredVersion(address)) === round, 20, gone);
    const totalSeconds = Number(process.hrtime.bigint() - saved) / 1e9;
    // Skylift prints its line right after the swap; give it a moment.
    await until(`round ${round}: the swap line`, 5_000, async () => (output.match(new RegExp(SWAP_LINE, 'g'))?.length ?? 0) > swapsBefore).catch(() => undefined);
    const line = [...output.matchAll(new RegExp(SWAP_LINE, 'g'))][swapsBefore];
    results.push({ totalSeconds, rebuildSeconds: line ? Number(line[1]) : null, loadSeconds: line ? Number(line[2]) : null });
    console.log(`watch round ${round}: answering ${totalSeconds.toFixed(2)} s after save${line ? ` (skylift: ${line[0]})` : ' (skylift printed no swap line)'}`);
  }
  await stop(child);
  return results;
}
