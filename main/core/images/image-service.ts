import type Dockerode from 'dockerode';
import type { ImageList, ImagePruneResult, PrunedImage } from '../../../shared/contract/images';
import { SkyliftError } from '../../../shared/errors';
import { containersByImage, containersOn, describeUsers } from './image-users';
import { readEngineImages, type EngineImage } from './image-facts';
import { shortId } from './image-labels';
import { imageName, ownBytes, prunePlan, type PrunePlan } from './image-plan';
import { LayerTree } from './layer-tree';
import { toSummary, type ImageRun } from './image-summary';

export interface ImageServiceDeps {
  /** A client with a deadline on every request: a stalled engine fails the call, it never hangs. */
  docker: () => Dockerode;
  /** The stored runs by the image id they ran. */
  runsByImage: () => Map<string, ImageRun[]>;
  /** Builds running now (in any Skylift process): a weights or deps image just made may be about to get its code image. */
  buildsUnderWay: () => number;
}

interface EngineState {
  images: EngineImage[];
  tree: LayerTree;
  holders: Awaited<ReturnType<typeof containersByImage>>;
  plan: PrunePlan;
}

/** Lists, deletes and prunes the images Skylift built (code, deps and weights images): the engine's state, never a copy of it. */
export class ImageService {
  constructor(private readonly deps: ImageServiceDeps) {}

  async list(): Promise<ImageList> {
    const { images, tree, holders, plan } = await this.state(this.deps.docker());
    const going = new Set(plan.remove.map((entry) => entry.image));
    const runs = this.deps.runsByImage();
    const listed = images
      .filter((image) => image.kind !== null && image.shown && (image.tags.length > 0 || !going.has(image)))
      .map((image) => toSummary(image, tree, going, runs.get(image.id) ?? [], holders.get(image.id) ?? []));
    const order = { code: 0, weights: 1, deps: 2 } as const;
    listed.sort((a, b) => order[a.kind] - order[b.kind] || `${a.project}\0${a.variant}`.localeCompare(`${b.project}\0${b.variant}`) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    const skylifts = images.filter((image) => image.kind !== null || image.stoppedBuild);
    return {
      images: listed,
      prunable: { count: plan.remove.length, sizeBytes: freed(plan, images, tree), images: pruned(plan, tree) },
      diskBytes: tree.layerBytes(skylifts, without(images, skylifts)),
    };
  }

  /**
   * Deletes one Skylift image (by id, short id or tag) and its tags; refused while a container holds
   * it or an image is built on it. The weights and deps images under a deleted code image go too
   * when nothing else is built on them; the ones that stay are named, with who uses them.
   */
  async delete(ref: string): Promise<{ removed: string[]; kept: Array<{ id: string; name: string; reason: string }> }> {
    const docker = this.deps.docker();
    const id = await docker.getImage(ref).inspect().then((image) => image.Id, (error: { statusCode?: number }) => {
      if (error.statusCode === 404) throw new SkyliftError({ code: 'NOT_FOUND', message: `No image ${ref} on this engine.`, hint: 'skylift images list shows Skylift\'s images; it may have been deleted already.' });
      throw error;
    });
    const { images, tree, holders } = await this.state(docker);
    const image = images.find((candidate) => candidate.id === id);
    if (!image?.kind) throw new SkyliftError({ code: 'NOT_SKYLIFT_IMAGE', message: `${ref} was not built by Skylift, so Skylift leaves it alone.`, hint: 'Remove it with docker image rm if you mean to.' });
    refuseIfUsed(ref, image, tree, holders);
    // force: the image has several tags (a copy re-tagged by publish); no container holds it, checked above.
    const answer = (await docker.getImage(image.id).remove({ force: true })) as Array<{ Untagged?: string; Deleted?: string }>;
    const removed = answer.map((entry) => entry.Untagged ?? shortId(entry.Deleted ?? '')).filter(Boolean);
    const under = tree.below(image).filter((base) => base.kind === 'weights' || base.kind === 'deps');
    if (under.length === 0) return { removed, kept: [] };
    const after = await this.state(docker);
    const kept: Array<{ id: string; name: string; reason: string }> = [];
    for (const base of under) {
      const going = after.plan.remove.some((entry) => entry.image.id === base.id);
      if (going && (await removeIfThere(docker, base.id))) removed.push(`${imageName(base)} (${base.kind === 'weights' ? 'weights' : 'dependencies'} only it used)`);
      else if (!going) kept.push({ id: shortId(base.id), name: imageName(base), reason: stayReason(base, after) });
    }
    return { removed, kept };
  }

  /** Removes what the plan says goes (see prunePlan), one image at a time; another prune or build getting there first is not an error. */
  async prune(): Promise<ImagePruneResult> {
    const docker = this.deps.docker();
    const { images, tree, plan } = await this.state(docker);
    const result: ImagePruneResult = { removed: [], kept: plan.held.map(({ image, holders }) => ({ id: shortId(image.id), reason: `used by ${describeUsers(holders)}` })), reclaimedBytes: 0 };
    const gone: EngineImage[] = [];
    // Code images first: a weights image goes after the images built on it.
    const order = { code: 0, null: 0, weights: 1, deps: 2 } as const;
    const entries = [...plan.remove].sort((a, b) => order[a.image.kind ?? 'null'] - order[b.image.kind ?? 'null']);
    for (const { image, why } of entries) {
      const force = image.tags.length > 1;
      try {
        // force only for a weights or deps image with several skylift tags (two projects' deps): nothing is built on it, checked above.
        // The engine ignores a stopped container under force, so look again: a build may have just taken hold of it.
        const heldNow = force ? await containersOn(docker, image.id) : [];
        if (heldNow.length > 0) {
          result.kept.push({ id: shortId(image.id), reason: `used by ${describeUsers(heldNow)}` });
          continue;
        }
        await docker.getImage(image.id).remove({ force });
        gone.push(image);
        result.removed.push({ id: shortId(image.id), name: imageName(image), sizeBytes: ownBytes(image, tree), why });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== 404) result.kept.push({ id: shortId(image.id), reason: status === 409 ? 'the engine says something still uses it' : `the engine refused: ${String((error as Error).message).split('\n', 1)[0]}` });
      }
    }
    result.reclaimedBytes = tree.layerBytes(gone, without(images, gone));
    return result;
  }

  private async state(docker: Dockerode): Promise<EngineState> {
    const holders = await containersByImage(docker);
    const images = await readEngineImages(docker, holders.keys());
    const tree = new LayerTree(images);
    return { images, tree, holders, plan: prunePlan(images, tree, holders, this.deps.buildsUnderWay() > 0) };
  }
}

function refuseIfUsed(ref: string, image: EngineImage, tree: LayerTree, holders: EngineState['holders']): void {
  const users = holders.get(image.id) ?? [];
  if (users.length > 0) {
    throw new SkyliftError({
      code: 'IMAGE_IN_USE',
      message: `${image.tags[0] ?? shortId(image.id)} is used by ${describeUsers(users)}, so it was not deleted.`,
      hint: 'Stop the test session or bench that runs it (Jobs, or Ctrl-C in its terminal), then delete it again.',
      details: { users },
    });
  }
  const onIt = tree.above(image).filter((other) => other.kind !== 'weights' && other.kind !== 'deps' && other.shown);
  if (onIt.length > 0 && image.kind !== 'code') {
    throw new SkyliftError({
      code: 'IMAGE_IN_USE',
      message: `${imageName(image)} is used by ${onIt.map(imageName).join(', ')}, which ${onIt.length === 1 ? 'is' : 'are'} built on it, so it was not deleted.`,
      hint: 'Delete those images first; prune then removes it with them.',
    });
  }
}

function stayReason(base: EngineImage, after: EngineState): string {
  const now = after.images.find((image) => image.id === base.id) ?? base; // the tree knows the images it was made of
  const users = after.tree.above(now).filter((other) => other.kind !== 'weights' && other.kind !== 'deps').map(imageName);
  if (users.length) return `stays: ${[...new Set(users)].join(', ')} ${users.length === 1 ? 'is' : 'are'} built on it too`;
  const held = after.plan.held.find((entry) => entry.image.id === base.id);
  return held ? `stays: used by ${describeUsers(held.holders)}` : 'stays: a build is under way; skylift images prune removes it once nothing is built on it';
}

async function removeIfThere(docker: Dockerode, id: string): Promise<boolean> {
  return docker.getImage(id).remove({ force: true }).then(() => true, (error: { statusCode?: number }) => {
    if (error.statusCode === 404) return false;
    throw error;
  });
}

/** The images of `all` not in `some` (a set: linear, however many images there are). */
const without = (all: readonly EngineImage[], some: readonly EngineImage[]): EngineImage[] => {
  const excluded = new Set(some);
  return all.filter((image) => !excluded.has(image));
};

const freed = (plan: PrunePlan, images: EngineImage[], tree: LayerTree): number => {
  const going = plan.remove.map((entry) => entry.image);
  return tree.layerBytes(going, without(images, going));
};

const pruned = (plan: PrunePlan, tree: LayerTree): PrunedImage[] =>
  plan.remove.map(({ image, why }) => ({ id: shortId(image.id), name: imageName(image), sizeBytes: ownBytes(image, tree), why }));
