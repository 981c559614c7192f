import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/text/bytes';
import { formatIssues, MAX_PROJECT_FILE_BYTES, parseProjectYaml, PROJECT_FILE, tooLargeMessage, type ProjectIssue } from '../../../shared/project/parse';
import type { ProjectConfig, TargetName } from '../../../shared/project/schema';
import { fileKind, readBoundedFile, type ReadLimit } from './read-bounded';

export interface ProjectSource {
  dir: string;
  file: string;
  yaml: string;
  config: ProjectConfig | null;
  issues: ProjectIssue[];
}

/**
 * The project folder a path names: the folder itself, or the folder of a `…/skylift.yaml` given
 * instead (UI and CLI alike), resolved to an absolute path.
 */
export function projectRoot(dir: string): string {
  const resolved = path.resolve(dir);
  const namesTheFile = path.basename(resolved) === PROJECT_FILE && !isDirectory(resolved);
  return namesTheFile ? path.dirname(resolved) : resolved;
}

const isDirectory = (p: string): boolean => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** Reads skylift.yaml from a project folder; a bad file is returned with its issues, not thrown. */
export function readProject(dir: string): ProjectSource {
  const root = projectRoot(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new SkyliftError({ code: ErrorCode.NotFound, message: `No folder at ${root}.`, hint: 'Choose an existing project folder.' });
  }
  const file = path.join(root, PROJECT_FILE);
  if (!fs.existsSync(file)) {
    throw new SkyliftError({
      code: 'PROJECT_NOT_FOUND',
      message: `${root} has no ${PROJECT_FILE}.`,
      hint: 'Use "New project" to propose one from requirements.txt, or start from a sample (skylift new --sample numpy-classifier DIR).',
    });
  }
  const yaml = readProjectFile(file);
  const parsed = parseProjectYaml(yaml);
  return { dir: root, file, yaml, config: parsed.ok ? parsed.config : null, issues: parsed.ok ? [] : parsed.issues };
}

/** skylift.yaml is read only when it is a regular file of a sane size: a FIFO would block forever, a huge file fill memory. */
const projectFileLimit: ReadLimit = {
  maxBytes: MAX_PROJECT_FILE_BYTES,
  code: 'PROJECT_INVALID',
  tooLarge: tooLargeMessage,
  hint: `Check you opened the right folder; a ${PROJECT_FILE} is a few dozen lines.`,
};

const readProjectFile = (file: string): string => readBoundedFile(file, projectFileLimit);

/** An ejected Dockerfile is a few KB; the same bound as skylift.yaml keeps a wrong file out. */
const dockerfileLimit: ReadLimit = { ...projectFileLimit, code: 'PROJECT_FILE_TOO_LARGE', tooLarge: (bytes) => `${formatBytes(bytes)}; Skylift reads at most ${formatBytes(MAX_PROJECT_FILE_BYTES)} of an ejected Dockerfile.`, hint: 'Replace it with the Dockerfile you meant, or delete it to build from the generated one.' };

export { fileKind };

/** The project's config, or an error that lists every issue as file:line:column. */
export function requireProject(dir: string): ProjectSource & { config: ProjectConfig } {
  const source = readProject(dir);
  if (!source.config) {
    throw new SkyliftError({
      code: 'PROJECT_INVALID',
      message: `${PROJECT_FILE} has ${source.issues.length} problem${source.issues.length === 1 ? '' : 's'}:\n${formatIssues(source.file, source.issues)}`,
      hint: `Fix the fields named above in ${source.file}.`,
      details: { issues: source.issues },
    });
  }
  return source as ProjectSource & { config: ProjectConfig };
}

/** Writes skylift.yaml only when it is valid, so a bad edit never replaces a good file. */
export function saveProject(dir: string, yaml: string): ProjectSource {
  const parsed = parseProjectYaml(yaml);
  const file = path.join(projectRoot(dir), PROJECT_FILE);
  if (!parsed.ok) {
    throw new SkyliftError({
      code: 'PROJECT_INVALID',
      message: `Not saved — ${PROJECT_FILE} would have problems:\n${formatIssues(file, parsed.issues)}`,
      hint: 'Your text is kept in the editor; fix the fields named above and save again.',
      details: { issues: parsed.issues },
    });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, yaml);
  fs.renameSync(temp, file); // atomic: a crash mid-write leaves the old file whole
  return readProject(dir);
}

/** Where an ejected Dockerfile lives; Skylift builds from it in preference to generating one. */
export const ejectedDockerfilePath = (dir: string, variant: TargetName): string => path.join(projectRoot(dir), '.skylift', `Dockerfile.${variant}`);

export function readEjectedDockerfile(dir: string, variant: TargetName): string | null {
  const file = ejectedDockerfilePath(dir, variant);
  return fs.existsSync(file) ? readBoundedFile(file, dockerfileLimit) : null;
}
