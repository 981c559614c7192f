// First builds (no cache) and code-only rebuilds: Skylift's CLI against `docker build` of the
// same project's single generated Dockerfile, alternating which goes first in each round.
import { buildResultSchema, type BuiltVariant } from '../../../shared/contract/build';
import type { Cli } from './cli';
import type { Cleanup } from './cleanup';
import { run } from './proc';
import { appendComment } from './project';

export interface BuildSides {
  cli: Cli;
  cleanup: Cleanup;
  project: string;
  context: { dir: string; model: string };
  dockerTag: string;
}

export function builtVariant(stdout: string): BuiltVariant {
  // --json prints {ok, value}; the value is the build job's result.
  const printed = JSON.parse(stdout) as { value?: unknown };
  const variant = buildResultSchema.parse(printed.value).variants[0];
  if (!variant) throw new Error('skylift build --json answered no variant');
  return variant;
}

/** One Skylift build; every image it made is registered for cleanup. */
export async function skyliftBuild(sides: Pick<BuildSides, 'cli' | 'cleanup'>, project: string, options: { noCache?: boolean; home?: string } = {}) {
  const ran = await sides.cli.run(['build', project, '--variant', 'local', '--json', ...(options.noCache ? ['--no-cache'] : [])], { rss: true, home: options.home });
  const variant = builtVariant(ran.stdout);
  sides.cleanup.image(variant.tag);
  sides.cleanup.image(variant.weights?.image);
  return { seconds: ran.seconds, rssMb: ran.rssMb, variant, timeline: ran.timeline };
}

// DOCKER_BUILDKIT=0: the classic builder, as Skylift uses on this engine (Docker 20.10), like for like.
const dockerBuild = (sides: BuildSides, noCache: boolean) =>
  run('docker', ['build', ...(noCache ? ['--no-cache'] : []), '-q', '-t', sides.dockerTag, sides.context.dir], { env: { DOCKER_BUILDKIT: '0' } });

export interface Rounds {
  docker: number[];
  skylift: number[];
  rssMb: number[];
  last: BuiltVariant | null;
  /** The last Skylift build's log lines with when each arrived. */
  timeline: Array<{ at: number; line: string }>;
}

async function alternate(sides: BuildSides, rounds: number, label: string, before: (round: number, sofar: Rounds) => Promise<void>, noCache: boolean): Promise<Rounds> {
  const out: Rounds = { docker: [], skylift: [], rssMb: [], last: null, timeline: [] };
  for (let round = 1; round <= rounds; round += 1) {
    await before(round, out);
    for (const side of round % 2 ? ['docker', 'skylift'] : ['skylift', 'docker']) {
      if (side === 'docker') out.docker.push((await dockerBuild(sides, noCache)).seconds);
      else {
        const built = await skyliftBuild(sides, sides.project, { noCache });
        out.skylift.push(built.seconds);
        if (built.rssMb !== null) out.rssMb.push(built.rssMb);
        out.last = built.variant;
        out.timeline = built.timeline;
      }
    }
    console.log(`${label} round ${round}: docker build ${out.docker.at(-1)!.toFixed(2)} s, skylift build ${out.skylift.at(-1)!.toFixed(2)} s${out.rssMb.length ? `, skylift peak RSS ${out.rssMb.at(-1)!.toFixed(0)} MB` : ''}`);
  }
  return out;
}

/**
 * First builds: both sides without cache. Before each Skylift round the weights image of the
 * round before is removed, so every round writes its weights layer anew (a first build, not a reuse).
 */
export function firstBuilds(sides: BuildSides, rounds: number): Promise<Rounds> {
  return alternate(sides, rounds, 'first build', async (_round, sofar) => {
    const weightsImage = sofar.last?.weights?.image;
    if (weightsImage) await run('docker', ['rmi', '-f', weightsImage]);
  }, true);
}

/** Code-only rebuilds: the same comment line appended to model.py on both sides, then each builds with its cache. */
export async function codeOnlyRebuilds(sides: BuildSides, rounds: number): Promise<Rounds> {
  // Warm both caches on the current code first: the rounds then measure a code change only.
  await dockerBuild(sides, false);
  await skyliftBuild(sides, sides.project);
  const out = await alternate(sides, rounds, 'code-only rebuild', async (round) => {
    appendComment([`${sides.project}/model.py`, sides.context.model], `code-only change ${round} at ${new Date().toISOString()}`);
  }, false);
  console.log(`where the last code-only rebuild's ${out.skylift.at(-1)?.toFixed(2)} s went (seconds since the CLI started, as its log lines arrived):`);
  for (const { at, line } of out.timeline) console.log(`  +${at.toFixed(2)}  ${line.slice(0, 140)}`);
  return out;
}
