import { InvalidArgumentError, Option, type Command } from 'commander';
import { requireJobResult, type BuildResult, type JobEvent } from '../../../shared/contract';
import type { TargetName } from '../../../shared/targets';
import { withCli } from '../dispatch';
import { cancelOnInterrupt } from '../job-follow';
import { buildVariantOption } from '../options';
import { formatBytes } from '../../../shared/text/bytes';
import { ExitCode, printError, printResult } from '../output';
import { projectDirArgument } from '../project-arg';

interface BuildOptions {
  variant: TargetName | 'all';
  baseImage?: string;
  platform?: 'linux/amd64' | 'linux/arm64';
  buildArg?: Record<string, string>;
  cache: boolean;
  builder: 'auto' | 'buildkit' | 'classic';
  json?: boolean;
}

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('Build one image per target from a model project (skylift.yaml), as the UI\'s Build step does')
    .addArgument(projectDirArgument())
    .addOption(buildVariantOption())
    .option('--base-image <image>', 'use this base image instead of the compatibility table\'s choice')
    .addOption(new Option('--platform <platform>', 'target platform').choices(['linux/amd64', 'linux/arm64']))
    .option('--build-arg <key=value>', 'a Docker build argument (repeatable)', collectBuildArg)
    .addOption(new Option('--builder <builder>', 'BuildKit or the classic builder; auto picks the engine\'s default').choices(['auto', 'buildkit', 'classic']).default('auto'))
    .option('--no-cache', 'rebuild every layer, ignoring the engine\'s cache')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (dir: string, opts: BuildOptions) => {
      const out = { json: Boolean(opts.json) };
      await withCli(out, async ({ core, call }) => {
        const job = await call('build', 'start', { dir, variant: opts.variant, baseImage: opts.baseImage, platform: opts.platform, buildArgs: opts.buildArg ?? {}, noCache: !opts.cache, builder: opts.builder });
        const stopLogging = core.bus.subscribe((event, payload) => {
          if (event === 'jobs:event' && (payload as JobEvent).jobId === job.id) writeEvent(payload as JobEvent);
        });
        const stopListening = cancelOnInterrupt(core, job.id, 'Still stopping: cancelling the build…');
        const done = await core.jobs.wait(job.id).finally(stopListening);
        stopLogging();
        if (done.state !== 'succeeded') {
          printError(out, done.error ?? { code: 'CANCELLED', message: 'Build cancelled.' });
          process.exitCode = ExitCode.Failed;
          return;
        }
        const result = requireJobResult('build', await call('jobs', 'events', { jobId: job.id }));
        printResult(out, result, () => describeResult(result));
      });
    });
}

/** The build log as the engine printed it (its own 'Step N/M' lines included). */
function writeEvent(event: JobEvent): void {
  if (event.type === 'log') process.stderr.write(`${event.line}\n`);
}

function describeResult(result: BuildResult): string {
  return result.variants
    .map((v) => {
      const head = `${v.variant.padEnd(16)} ${v.tag}  ${v.imageId.slice(0, 19)}  ${formatBytes(v.sizeBytes)}  (${v.builder}, ${v.steps} steps, ${v.cacheHits} cached)`;
      const checks = v.preflight.checks.map((c) => `    ${c.status.toUpperCase().padEnd(4)} ${c.name}: ${c.detail}`);
      return [head, ...(v.weights ? [weightsLine(v.weights)] : []), ...checks].join('\n');
    })
    .join('\n');
}

/** The weights layer: its digest in full (the same bytes give the same digest anywhere) and whether this build made it. */
function weightsLine(w: NonNullable<BuildResult['variants'][number]['weights']>): string {
  return `    weights ${w.layerDigest}  ${w.image}  (${w.files} file${w.files === 1 ? '' : 's'}, ${formatBytes(w.bytes)}, ${w.reused ? 'reused' : 'built'})`;
}

function collectBuildArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('write a build argument as KEY=VALUE.');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}
