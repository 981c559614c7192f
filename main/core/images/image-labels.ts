import type Dockerode from 'dockerode';
import { LABEL } from '../build/build-service';

/** The label on every image Skylift builds; images without it are not Skylift's to list. */
export const PROJECT_LABEL = LABEL.project;

/** A tag the engine reports for an untagged image. */
const NO_TAG = '<none>:<none>';

export const realTags = (image: Pick<Dockerode.ImageInfo, 'RepoTags'>): string[] => (image.RepoTags ?? []).filter((tag) => tag !== NO_TAG);

/**
 * A step only Skylift's generated Dockerfile has (its runtime under /opt/skylift, its SKYLIFT_ env):
 * how an unlabelled intermediate that a stopped classic build left is known to be Skylift's.
 */
export const isSkyliftStep = (createdBy: string): boolean => /\/opt\/skylift\/|SKYLIFT_MODEL=/.test(createdBy);

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
