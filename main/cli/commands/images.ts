import type { Command } from 'commander';
import { describeAge, type ImageList, type ImagePruneResult } from '../../../shared/contract';
import { BAD_INPUT_IS_USAGE, withCli } from '../dispatch';
import { formatBytes, printResult } from '../output';

const out = (opts: { json?: boolean }) => ({ json: Boolean(opts.json) });

/** `skylift images list|rm|prune`: what Skylift built on the engine, through the same calls as the Images page. */
export function registerImagesCommands(program: Command): void {
  const images = program.command('images').description("Skylift's images: list them, delete one, prune what stopped or older builds left");
  images
    .command('list')
    .description('images per project and variant, with size, age and the bench runs that used them')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withCli(out(opts), async ({ call }) => {
      const list = await call('images', 'list', {});
      printResult(out(opts), list, () => listText(list));
    }, { usageCodes: BAD_INPUT_IS_USAGE }));
  images
    .command('rm')
    .argument('<image>', 'a tag (skylift/NAME:VARIANT) or an image id, as images list shows it')
    .description('delete one Skylift image (refused while a test session or bench uses it)')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { json?: boolean }) => withCli(out(opts), async ({ call }) => {
      const result = await call('images', 'delete', { id: ref });
      printResult(out(opts), result, () => `Deleted ${ref}: ${result.removed.join(', ')}`);
    }, { usageCodes: BAD_INPUT_IS_USAGE }));
  images
    .command('prune')
    .description('remove dangling images Skylift built: older builds whose tag moved on, and what stopped builds left; tagged images and other tools\' images stay')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withCli(out(opts), async ({ call }) => {
      const result = await call('images', 'prune', {});
      printResult(out(opts), result, () => pruneText(result));
    }, { usageCodes: BAD_INPUT_IS_USAGE }));
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
