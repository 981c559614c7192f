import type { Command } from 'commander';
import { describeAge, ErrorCode, SkyliftError, type CallInput, type CallOutput, type Contract, type ImageList, type ImagePruneResult } from '../../../shared/contract';
import { toAppError } from '../../core/errors';
import { openCliCore } from '../context';
import { ExitCode, formatBytes, printError, printResult, type Output } from '../output';

type ImagesCall = <V extends keyof Contract['images']>(verb: V, input: CallInput<'images', V>) => Promise<CallOutput<'images', V>>;

/** `skylift images list|rm|prune`: what Skylift built on the engine, through the same calls as the Images page. */
export function registerImagesCommands(program: Command): void {
  const images = program.command('images').description("Skylift's images: list them, delete one, prune what stopped or older builds left");
  images
    .command('list')
    .description('images per project and variant, with size, age and the bench runs that used them')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withImages({ json: Boolean(opts.json) }, async (call, out) => {
      const list = await call('list', {});
      printResult(out, list, () => listText(list));
    }));
  images
    .command('rm')
    .argument('<image>', 'a tag (skylift/NAME:VARIANT) or an image id, as images list shows it')
    .description('delete one Skylift image (refused while a test session or bench uses it)')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { json?: boolean }) => withImages({ json: Boolean(opts.json) }, async (call, out) => {
      const result = await call('delete', { id: ref });
      printResult(out, result, () => `Deleted ${ref}: ${result.removed.join(', ')}`);
    }));
  images
    .command('prune')
    .description('remove dangling images Skylift built: older builds whose tag moved on, and what stopped builds left; tagged images and other tools\' images stay')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withImages({ json: Boolean(opts.json) }, async (call, out) => {
      const result = await call('prune', {});
      printResult(out, result, () => pruneText(result));
    }));
}

async function withImages(out: Output, work: (call: ImagesCall, out: Output) => Promise<void>): Promise<void> {
  const core = openCliCore();
  const call: ImagesCall = async (verb, input) => {
    const answer = await core.dispatch(`images:${String(verb)}`, input);
    if (!answer.ok) throw new SkyliftError(answer.error);
    return answer.value as never;
  };
  try {
    await work(call, out);
  } catch (error) {
    const appError = toAppError(error);
    printError(out, appError);
    process.exitCode = appError.code === ErrorCode.BadInput ? ExitCode.Usage : ExitCode.Failed;
  } finally {
    await core.close();
  }
}

export function listText(list: ImageList): string {
  const lines = list.images.map((image) => {
    const runs = image.runs.length === 0 ? 'no runs' : `${image.runs.length} run${image.runs.length === 1 ? '' : 's'} (${image.runs.slice(0, 3).map((r) => r.id.slice(0, 8)).join(', ')}${image.runs.length > 3 ? ', …' : ''})`;
    const inUse = image.usedBy.length ? `  in use by ${image.usedBy.length} container${image.usedBy.length === 1 ? '' : 's'}` : '';
    return `${image.tags.join(', ')}  ${image.id.replace(/^sha256:/, '').slice(0, 12)}  ${formatBytes(image.sizeBytes)}  ${describeAge(image.createdAt)}  ${runs}${inUse}${image.projectDir ? `\n    from ${image.projectDir}` : ''}`;
  });
  const prunable = list.prunable.count ? `${list.prunable.count} dangling image${list.prunable.count === 1 ? '' : 's'} (${formatBytes(list.prunable.sizeBytes)}) can be pruned: skylift images prune` : 'Nothing to prune.';
  return [...(lines.length ? lines : ['No Skylift images on this engine yet: skylift build PROJECT_DIR']), prunable].join('\n');
}

export function pruneText(result: ImagePruneResult): string {
  const removed = result.removed.map((image) => `removed ${image.id}  ${formatBytes(image.sizeBytes)}  ${image.why}`);
  const kept = result.kept.map((image) => `kept ${image.id}: ${image.reason}`);
  const total = result.removed.length ? `Reclaimed ${formatBytes(result.reclaimedBytes)}.` : 'Nothing to prune: no dangling images that Skylift built.';
  return [...removed, ...kept, total].join('\n');
}
