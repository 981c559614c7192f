import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, SkyliftError } from '../../../shared/errors';
import { formatIssues, MAX_PROJECT_FILE_BYTES, parseProjectYaml, PROJECT_FILE, tooLargeMessage, type ProjectIssue } from '../../../shared/project/parse';
import type { ProjectConfig, TargetName } from '../../../shared/project/schema';

export interface ProjectSource {
  dir: string;
  file: string;
  yaml: string;
  config: ProjectConfig | null;
  issues: ProjectIssue[];
}

/** Reads skylift.yaml from a project folder; a bad file is returned with its issues, not thrown. */
export function readProject(dir: string): ProjectSource {
  const root = path.resolve(dir);
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

/** Reads skylift.yaml only when it is a regular file of a sane size: a FIFO would block forever, a huge file fill memory. */
function readProjectFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) {
    throw new SkyliftError({ code: 'PROJECT_INVALID', message: `${file} is not a regular file (a ${fileKind(stat)}).`, hint: `Replace it with a plain ${PROJECT_FILE}.` });
  }
  if (stat.size > MAX_PROJECT_FILE_BYTES) {
    throw new SkyliftError({ code: 'PROJECT_INVALID', message: `${file}: ${tooLargeMessage(stat.size)}`, hint: `Check you opened the right folder; a ${PROJECT_FILE} is a few dozen lines.` });
  }
  return fs.readFileSync(file, 'utf8');
}

/** What kind of non-regular file something is, in words. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'named pipe (FIFO)';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSymbolicLink()) return 'symbolic link';
  return stat.isFile() ? 'file' : 'special file';
}

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
  const file = path.join(path.resolve(dir), PROJECT_FILE);
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
export const ejectedDockerfilePath = (dir: string, variant: TargetName): string => path.join(path.resolve(dir), '.skylift', `Dockerfile.${variant}`);

export function readEjectedDockerfile(dir: string, variant: TargetName): string | null {
  const file = ejectedDockerfilePath(dir, variant);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}
