import type Dockerode from 'dockerode';
import type { ImageList, ImagePruneResult, SkyliftImage } from '../../../shared/contract/images';
import { SkyliftError } from '../../../shared/errors';
import { LABEL } from '../build/build-service';
import { PROJECT_DIR_LABEL } from '../build/image-identity';
import { containersByImage, describeUsers, type ImageUser } from './image-users';
import { isSkyliftStep, PROJECT_LABEL, realTags, shortId } from './image-labels';

export interface ImageRun {
  id: string;
  createdAt: string;
  state: string;
}

export interface ImageServiceDeps {
  /** A client with a deadline on every request: a stalled engine fails the call, it never hangs. */
  docker: () => Dockerode;
  /** The stored runs by the image id they ran. */
  runsByImage: () => Map<string, ImageRun[]>;
}

interface PruneCandidate {
  id: string;
  sizeBytes: number;
  why: string;
}

/** Lists, deletes and prunes the images Skylift built: the engine's state, never a copy of it. */
export class ImageService {
  constructor(private readonly deps: ImageServiceDeps) {}

  async list(): Promise<ImageList> {
    const docker = this.deps.docker();
    const [labelled, users, candidates] = await Promise.all([
      docker.listImages({ filters: { label: [PROJECT_LABEL] } }),
      containersByImage(docker),
      this.pruneCandidates(docker),
    ]);
    const runs = this.deps.runsByImage();
    const images = labelled.filter((image) => realTags(image).length > 0).map((image) => toSummary(image, runs.get(image.Id) ?? [], users.get(image.Id) ?? []));
    images.sort((a, b) => `${a.project}\0${a.variant}`.localeCompare(`${b.project}\0${b.variant}`) || b.createdAt.localeCompare(a.createdAt));
    const prunable = candidates.filter((c) => !users.has(c.id));
    return { images, prunable: { count: prunable.length, sizeBytes: prunable.reduce((sum, c) => sum + c.sizeBytes, 0) } };
  }

  /** Deletes one Skylift image (by id, short id or tag) and its tags; refused while a container holds it. */
  async delete(ref: string): Promise<{ removed: string[] }> {
    const docker = this.deps.docker();
    const image = await docker.getImage(ref).inspect().catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) throw new SkyliftError({ code: 'NOT_FOUND', message: `No image ${ref} on this engine.`, hint: 'skylift images list shows Skylift\'s images; it may have been deleted already.' });
      throw error;
    });
    if (!image.Config?.Labels?.[PROJECT_LABEL]) {
      throw new SkyliftError({ code: 'NOT_SKYLIFT_IMAGE', message: `${ref} was not built by Skylift, so Skylift leaves it alone.`, hint: 'Remove it with docker image rm if you mean to.' });
    }
    const users = (await containersByImage(docker)).get(image.Id) ?? [];
    if (users.length > 0) {
      throw new SkyliftError({
        code: 'IMAGE_IN_USE',
        message: `${imageName(image)} is used by ${describeUsers(users)}, so it was not deleted.`,
        hint: 'Stop the test session or bench that runs it (Jobs, or Ctrl-C in its terminal), then delete it again.',
        details: { users },
      });
    }
    // force: the image has several tags (a copy re-tagged by publish); no container holds it, checked above.
    const answer = (await docker.getImage(image.Id).remove({ force: true })) as Array<{ Untagged?: string; Deleted?: string }>;
    return { removed: answer.map((entry) => entry.Untagged ?? shortId(entry.Deleted ?? '')).filter(Boolean) };
  }

  /**
   * Removes dangling images (untagged, no image built on them) that Skylift built: labelled ones
   * (an older build whose tag moved on) and unlabelled intermediates with a step of Skylift's
   * Dockerfile (a stopped classic build). Tagged images, other tools' images and build cache stay.
   */
  async prune(): Promise<ImagePruneResult> {
    const docker = this.deps.docker();
    const [candidates, users] = await Promise.all([this.pruneCandidates(docker), containersByImage(docker)]);
    const result: ImagePruneResult = { removed: [], kept: [], reclaimedBytes: 0 };
    for (const candidate of candidates) {
      const holders = users.get(candidate.id);
      if (holders) {
        result.kept.push({ id: shortId(candidate.id), reason: `used by ${describeUsers(holders)}` });
        continue;
      }
      try {
        await docker.getImage(candidate.id).remove();
        result.removed.push({ ...candidate, id: shortId(candidate.id) });
        result.reclaimedBytes += candidate.sizeBytes;
      } catch (error) {
        // Another prune or a new build may have got there first; say so and go on with the rest.
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== 404) result.kept.push({ id: shortId(candidate.id), reason: status === 409 ? 'the engine says something still uses it' : `the engine refused: ${String((error as Error).message).split('\n', 1)[0]}` });
      }
    }
    return result;
  }

  private async pruneCandidates(docker: Dockerode): Promise<PruneCandidate[]> {
    const dangling = await docker.listImages({ filters: { dangling: ['true'] } });
    const candidates: PruneCandidate[] = [];
    for (const image of dangling) {
      if (realTags(image).length > 0) continue;
      if (image.Labels?.[PROJECT_LABEL]) {
        candidates.push({ id: image.Id, sizeBytes: image.Size, why: `an older build of ${image.Labels[PROJECT_LABEL]} (${image.Labels[LABEL.variant] ?? 'variant unknown'})` });
      } else if (await builtBySkylift(docker, image.Id)) {
        candidates.push({ id: image.Id, sizeBytes: image.Size, why: 'left by a stopped build' });
      }
    }
    return candidates;
  }
}

async function builtBySkylift(docker: Dockerode, id: string): Promise<boolean> {
  const history = (await docker.getImage(id).history().catch(() => [])) as Array<{ CreatedBy?: string }>;
  return history.some((layer) => isSkyliftStep(layer.CreatedBy ?? ''));
}

function toSummary(image: Dockerode.ImageInfo, runs: ImageRun[], usedBy: ImageUser[]): SkyliftImage {
  const labels = image.Labels ?? {};
  return {
    id: image.Id,
    tags: realTags(image),
    project: labels[PROJECT_LABEL] ?? null,
    projectDir: labels[PROJECT_DIR_LABEL] ?? null,
    variant: labels[LABEL.variant] ?? null,
    sizeBytes: image.Size,
    createdAt: new Date(image.Created * 1000).toISOString(),
    runs,
    usedBy,
  };
}

const imageName = (image: Dockerode.ImageInspectInfo): string => image.RepoTags?.find((tag) => tag !== '<none>:<none>') ?? shortId(image.Id);
