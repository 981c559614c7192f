import type { Command } from 'commander';
import { describeAge, type ImageList, type ImagePruneResult, type SkyliftImage } from '../../../shared/contract';
import { dependentsText, imageHeadline, SHARED_LAYERS_NOTE } from '../../../shared/contract/images';
import { BAD_INPUT_IS_USAGE, withCli } from '../dispatch';
import { formatBytes } from '../../../shared/text/bytes';
import { printResult } from '../output';

const out = (opts: { json?: boolean }) => ({ json: Boolean(opts.json) });

/** `skylift images list|rm|prune`: what Skylift built on the engine, through the same calls as the Images page. */
export function registerImagesCommands(program: Command): void {
  const images = program.command('images').description("Skylift's images: list them, delete one, prune what stopped or older builds left");
  images
    .command('list', { isDefault: true })
    .description('images per project and variant with size, age and the bench runs that used them; then the weights and dependencies images under them')
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
      printResult(out(opts), result, () => [`Deleted ${ref}: ${result.removed.join(', ')}`, ...result.kept.map((k) => `kept ${k.name} (${k.id}): ${k.reason}`)].join('\n'));
    }, { usageCodes: BAD_INPUT_IS_USAGE }));
  images
    .command('prune')
    .description('remove what Skylift built and nothing uses: older builds whose tag moved on, weights and dependencies images no image is built on any more, what stopped builds left; images a container or a kept image stands on, and other tools\' images, stay')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => withCli(out(opts), async ({ call }) => {
      const result = await call('images', 'prune', {});
      printResult(out(opts), result, () => pruneText(result));
    }, { usageCodes: BAD_INPUT_IS_USAGE }));
}

export function listText(list: ImageList): string {
  const code = list.images.filter((image) => image.kind === 'code').map(codeLine);
  const parts = list.images.filter((image) => image.kind !== 'code').map(partLine);
  const lines = code.length || parts.length ? [...code, ...parts] : ['No Skylift images on this engine yet: skylift build PROJECT_DIR'];
  if (list.images.some((image) => image.kind === 'weights')) lines.push(SHARED_LAYERS_NOTE);
  if (list.images.length) lines.push(`On disk: ${formatBytes(list.diskBytes)} for Skylift's images (each layer counted once; layers a base image also holds not counted).`);
  const prunable = list.prunable.count
    ? [`${list.prunable.count} image${list.prunable.count === 1 ? '' : 's'} can be pruned, freeing ${formatBytes(list.prunable.sizeBytes)}: skylift images prune`, ...list.prunable.images.map((image) => `  ${image.id}  ${image.name}: ${image.why}`)]
    : ['Nothing to prune.'];
  return [...lines, ...prunable].join('\n');
}

function codeLine(image: SkyliftImage): string {
  const runs = image.runs.length === 0 ? 'no runs' : `${image.runs.length} run${image.runs.length === 1 ? '' : 's'} (${image.runs.slice(0, 3).map((r) => r.id.slice(0, 8)).join(', ')}${image.runs.length > 3 ? ', …' : ''})`;
  const inUse = image.usedBy.length ? `  in use by ${image.usedBy.length} container${image.usedBy.length === 1 ? '' : 's'}` : '';
  return `${image.tags.join(', ') || imageHeadline(image)}  ${shortImageId(image)}  ${formatBytes(image.sizeBytes)}  ${describeAge(image.createdAt)}  ${runs}${inUse}${image.projectDir ? `\n    from ${image.projectDir}` : ''}`;
}

/** "weights layer sha256:abcd… · 2.0 GiB · used by: iris (local)": a weights or deps image and what stands on it. */
function partLine(image: SkyliftImage): string {
  const size = image.kind === 'weights' ? formatBytes(image.ownBytes) : `${formatBytes(image.ownBytes)} over its base`;
  return `${imageHeadline(image)} · ${size} · ${describeAge(image.createdAt)} · ${dependentsText(image)}\n    ${image.tags.join(', ') || 'untagged'}  ${shortImageId(image)}`;
}

const shortImageId = (image: SkyliftImage): string => image.id.replace(/^sha256:/, '').slice(0, 12);

export function pruneText(result: ImagePruneResult): string {
  const removed = result.removed.map((image) => `removed ${image.id}  ${image.name}  ${formatBytes(image.sizeBytes)}  ${image.why}`);
  const kept = result.kept.map((image) => `kept ${image.id}: ${image.reason}`);
  const total = result.removed.length ? `Reclaimed ${formatBytes(result.reclaimedBytes)} (each freed layer counted once).` : 'Nothing to prune: nothing Skylift built is left unused.';
  return [...removed, ...kept, total].join('\n');
}
