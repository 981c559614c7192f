// The weights layer's digest must not depend on the machine, the day or the data folder: rebuilt
// after its image is removed, and built from a copy of the project in another folder with another
// SKYLIFT_HOME (new mtimes, another inode for every file), it must come out the same.
import path from 'node:path';
import type { BuiltVariant } from '../../../shared/contract/build';
import { skyliftBuild } from './builds';
import type { Cli } from './cli';
import type { Cleanup } from './cleanup';
import { run } from './proc';
import { copyProject } from './project';

export interface DigestCheck {
  first: string | null;
  afterRemoval: string | null;
  otherFolder: string | null;
  /** What was removed or pruned before the rebuild, in words. */
  cleared: string;
  /** The weights were written again (not reused) in both rebuilds. */
  rewritten: boolean;
}

/** Removes the variant's weights image (and, on BuildKit, the build cache) so the next build must make the layer again. */
async function clearWeights(variant: BuiltVariant): Promise<string> {
  const said: string[] = [];
  if (variant.weights) {
    await run('docker', ['rmi', '-f', variant.tag, variant.weights.image]);
    said.push(`removed ${variant.weights.image} and ${variant.tag}`);
  }
  // The classic builder keeps no BuildKit cache: nothing of ours to prune. On BuildKit a prune
  // cannot be narrowed to this bench's builds, so it runs only when the user allows it.
  if (variant.builder !== 'buildkit') said.push('docker builder prune: nothing applies (classic builder, no BuildKit cache)');
  else if (process.env.BENCH_ALLOW_BUILDER_PRUNE === '1') {
    await run('docker', ['builder', 'prune', '-f']);
    said.push('docker builder prune -f');
  } else said.push('docker builder prune: skipped (it would prune every build cache on this engine; BENCH_ALLOW_BUILDER_PRUNE=1 allows it)');
  return said.join('; ');
}

export async function weightsDigests(cli: Cli, cleanup: Cleanup, project: string, root: string, name: string, first: BuiltVariant): Promise<DigestCheck> {
  const cleared = await clearWeights(first);
  const again = (await skyliftBuild({ cli, cleanup }, project)).variant;
  await clearWeights(again);
  const other = path.join(root, 'project-copy');
  copyProject(project, other, `${name}-copy`);
  const home = path.join(root, 'home-copy');
  const elsewhere = (await skyliftBuild({ cli, cleanup }, other, { home })).variant;
  console.log(`weights digest: first ${first.weights?.layerDigest ?? 'none'}, after removal ${again.weights?.layerDigest ?? 'none'}, other folder ${elsewhere.weights?.layerDigest ?? 'none'}`);
  return {
    first: first.weights?.layerDigest ?? null,
    afterRemoval: again.weights?.layerDigest ?? null,
    otherFolder: elsewhere.weights?.layerDigest ?? null,
    cleared,
    rewritten: again.weights?.reused === false && elsewhere.weights?.reused === false,
  };
}
