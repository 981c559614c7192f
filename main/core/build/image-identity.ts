import path from 'node:path';
import { SkyliftError } from '../../../shared/errors';
import { projectRoot } from '../project/project-files';

/**
 * Tags come from the project's `name` (skylift/<name>:<variant>), so two folders with the same name
 * share a tag. Every image records the folder it was built from; a build that takes over another
 * folder's tag says so, and a run that finds another folder's image refuses with the fix.
 */
export const PROJECT_DIR_LABEL = 'dev.skylift.project-dir';

/** The other folder this image was built from, or null when it is this folder's (or older than the label). */
export function builtFromOtherFolder(labels: Record<string, string> | null | undefined, dir: string): string | null {
  const builtFrom = labels?.[PROJECT_DIR_LABEL];
  if (!builtFrom) return null;
  return path.resolve(builtFrom) === projectRoot(dir) ? null : builtFrom;
}

export function takeOverWarning(tag: string, builtFrom: string): string {
  return `warning: ${tag} was built from ${builtFrom}, another project with the same name; this build replaces it, and that folder will need its own build (or a different name in its skylift.yaml).`;
}

export function imageFromOtherFolder(tag: string, builtFrom: string, dir: string, variant: string, name: string): SkyliftError {
  return new SkyliftError({
    code: 'IMAGE_FROM_OTHER_FOLDER',
    message: `${tag} was built from ${builtFrom}, not from ${projectRoot(dir)}: both projects are named "${name}", and image tags come from the name.`,
    hint: `Build this folder (skylift build ${dir} --variant ${variant}), or give one of the projects a different name in its skylift.yaml so each keeps its own images.`,
    details: { tag, builtFrom },
  });
}
