import fs from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import { SkyliftError } from '../../../shared/errors';
import { fileKind } from '../project/project-files';
import { closestMatch } from './did-you-mean';

/** One project file the context will carry: its path in the project, and the real file read for it. */
export interface PlannedFile {
  rel: string;
  abs: string;
}

export interface ContextPlan {
  files: PlannedFile[];
  /** The requirements file to install, resolved to the real file. */
  requirements?: string;
  ignored: number;
}

export interface PlanInput {
  projectDir: string;
  weights: readonly string[];
  requirements?: string;
  /** module:Class from skylift.yaml; its module must be among the files sent. */
  model?: string;
}

const MAX_LISTED = 10;
/** Folder links can multiply a tree (two links to a folder with two links…): the walk stops here, refused. */
const MAX_WALKED = 500_000;
/** Each link to a folder sends it again; past a few, links are multiplying the tree (a→b twice, b→c twice…). */
const MAX_LINKS_TO_FOLDER = 8;

/**
 * Decides, before any build starts, exactly which project files go into the build context — and
 * refuses the project when that cannot be done honestly. The policy:
 * - a symlink that stays inside the project is followed: its target is sent under the link's name
 *   (the Hugging Face cache layout, weights/x → ../blobs/abc, builds as if x were the file);
 * - a symlink that leaves the project, or points nowhere, is refused with the path named;
 * - a FIFO, socket or device is refused with the path named (reading a FIFO would hang the build);
 * - a folder .dockerignore excludes is not walked at all (unless a "!" rule could re-include
 *   something inside it, as Docker does; then nothing in it can fail the build);
 * - a path skylift.yaml declares (weights, requirements, the model's module) must exist and be
 *   sent, or the build is refused with the closest path that does exist.
 */
export function planContext(input: PlanInput): ContextPlan {
  const walker = new ContextWalker(input.projectDir);
  walker.walkFolder(walker.root, '', false, new Set([walker.root]));
  const requirements = input.requirements ? walker.declaredFile('requirements', input.requirements) : undefined;
  for (const weight of input.weights) walker.declaredWeights(weight);
  if (input.model) walker.declaredModule(input.model);
  if (walker.problems.length > 0) throw refusal(input.projectDir, walker.problems);
  return { files: walker.files, ignored: walker.ignored, ...(requirements ? { requirements } : {}) };
}

function refusal(projectDir: string, problems: string[]): SkyliftError {
  // A path nested past PATH_MAX is thousands of characters: keep its start and its end.
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p.length > 400 ? `${p.slice(0, 200)}…${p.slice(-150)}` : p}`);
  if (problems.length > MAX_LISTED) listed.push(`  - … and ${problems.length - MAX_LISTED} more`);
  return new SkyliftError({
    code: 'BUILD_CONTEXT_REFUSED',
    message: `The build context of ${projectDir} can't be sent; nothing was built:\n${listed.join('\n')}`,
    hint: 'Fix the paths named above: copy files from outside into the project (symlinks may only point inside it), remove FIFOs, sockets and devices or list them in .dockerignore, and correct the paths in skylift.yaml.',
    details: { problems: problems.slice(0, 50) },
  });
}

class ContextWalker {
  readonly root: string;
  readonly files: PlannedFile[] = [];
  readonly problems: string[] = [];
  ignored = 0;
  /** Every path walked (files and folders, project-relative): the did-you-mean candidates. */
  private readonly seen: string[] = [];
  private readonly seenSet = new Set<string>();
  private readonly sent = new Set<string>();
  /** Every folder (project-relative) with at least one file sent below it: a weights check is one lookup. */
  private readonly sentFolders = new Set<string>();
  /** Paths refused while walking: a weights root refused for its own reason is not reported twice. */
  private readonly refusedPaths = new Set<string>();
  private readonly linkedFolders = new Map<string, number>();
  private readonly isIgnored: (rel: string) => boolean;
  private readonly hasExceptions: boolean;

  constructor(projectDir: string) {
    this.root = fs.realpathSync(projectDir);
    const rules = readDockerignore(this.root);
    const matcher = ignore().add(rules);
    this.isIgnored = (rel) => matcher.ignores(rel);
    this.hasExceptions = rules.some((line) => line.trim().startsWith('!'));
  }

  /** `lenient`: inside an excluded folder walked only for "!" rules; nothing there is an error. */
  walkFolder(abs: string, rel: string, lenient: boolean, chain: Set<string>): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      if (!lenient) this.refuse(rel || '.', `can't be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (childRel === '.skylift') continue; // Skylift's own folder (ejected Dockerfiles)
      if (this.seen.length >= MAX_WALKED) {
        if (!this.problems.includes(TOO_MANY)) this.problems.push(TOO_MANY);
        return;
      }
      this.seen.push(childRel);
      this.seenSet.add(childRel);
      this.visit(path.join(abs, entry.name), childRel, entry, lenient, chain);
    }
  }

  private visit(abs: string, rel: string, entry: fs.Dirent, lenient: boolean, chain: Set<string>): void {
    const excluded = this.isIgnored(rel);
    if (entry.isDirectory()) {
      if (excluded && !this.hasExceptions) this.ignored++;
      else this.walkFolder(abs, rel, lenient || excluded, new Set([...chain, abs]));
      return;
    }
    if (excluded) {
      this.ignored++;
      return;
    }
    if (entry.isFile()) this.send(rel, abs);
    else if (entry.isSymbolicLink()) this.follow(abs, rel, lenient, chain);
    else if (!lenient) this.refuse(rel, `a ${fileKind(fs.lstatSync(abs))} can't go into an image; delete it or list it in .dockerignore`);
  }

  /** A symlink: followed when it stays inside the project, refused when it leaves or dangles. */
  private follow(abs: string, rel: string, lenient: boolean, chain: Set<string>): void {
    const target = this.resolveInside(abs, rel);
    if (!target) return;
    const stat = fs.statSync(target);
    if (stat.isFile()) this.send(rel, target);
    else if (stat.isDirectory()) {
      const expanded = (this.linkedFolders.get(target) ?? 0) + 1;
      this.linkedFolders.set(target, expanded);
      if (chain.has(target)) this.refuse(rel, 'a symlink loop (it points at a folder that contains it)');
      else if (expanded > MAX_LINKS_TO_FOLDER) this.refuse(rel, `the folder it links to is reached through links ${expanded} times; each would be sent again`);
      else this.walkFolder(target, rel, lenient, new Set([...chain, target]));
    } else if (!lenient) this.refuse(rel, `points to a ${fileKind(stat)}, which can't go into an image`);
  }

  /** The real path a link leads to, when that is inside the project; else records why not. */
  private resolveInside(abs: string, rel: string): string | undefined {
    let target: string;
    try {
      target = fs.realpathSync(abs);
    } catch {
      this.refuse(rel, `a symlink to ${fs.readlinkSync(abs)}, which does not exist`);
      return undefined;
    }
    if (!isInside(this.root, target)) {
      this.refuse(rel, `a symlink to ${target}, outside the project; only files inside the project folder are sent (copy it in)`);
      return undefined;
    }
    return target;
  }

  /** A path the policy refuses: recorded with its reason, and its folders marked as refused. */
  private refuse(rel: string, reason: string): void {
    this.problems.push(`${rel}: ${reason}`);
    for (let cut = rel.length; cut > 0; cut = rel.lastIndexOf('/', cut - 1)) this.refusedPaths.add(rel.slice(0, cut));
  }

  private send(rel: string, abs: string): void {
    this.files.push({ rel, abs });
    this.sent.add(rel);
    for (let cut = rel.lastIndexOf('/'); cut > 0; cut = rel.lastIndexOf('/', cut - 1)) this.sentFolders.add(rel.slice(0, cut));
  }

  /** A file skylift.yaml names (requirements): a regular file inside the project. Returns its real path. */
  declaredFile(field: string, declared: string): string | undefined {
    const abs = path.join(this.root, declared);
    if (!fs.existsSync(abs) && !isSymlink(abs)) {
      this.problems.push(this.missing(field, declared));
      return undefined;
    }
    const target = isSymlink(abs) ? this.resolveInside(abs, declared) : abs;
    if (!target) return undefined;
    const stat = fs.statSync(target);
    if (stat.isFile()) return target;
    this.problems.push(`${field}: ${declared} is a ${fileKind(stat)}, not a file`);
    return undefined;
  }

  /** A weights path: it must exist as written and put at least one file into the image. */
  declaredWeights(declared: string): void {
    const abs = path.join(this.root, declared);
    if (!fs.existsSync(abs) && !isSymlink(abs)) {
      this.problems.push(this.missing('weights', declared));
      return;
    }
    const root = weightRoot(declared);
    if (this.sent.has(root) || this.sentFolders.has(root) || this.refusedPaths.has(root) || (root === '' && this.files.length > 0)) return;
    this.problems.push(`weights: ${declared} sends no files (it is empty, or .dockerignore excludes it)`);
  }

  /** A declared path that isn't there; the did-you-mean search runs only for the problems that get listed. */
  private missing(field: string, declared: string): string {
    const normalised = normalise(declared);
    const tilde = declared.startsWith('~') ? ' (paths are relative to the project folder; "~" is not expanded)' : '';
    const listed = this.problems.length < MAX_LISTED;
    const guess = !listed ? undefined : this.seenSet.has(normalised) ? normalised : closestMatch(normalised, this.seen);
    return `${field}: ${declared} does not exist in the project${tilde}${guess ? `; did you mean ${guess}?` : ''}`;
  }

  /** The model's module (model:Classifier → model.py or model/__init__.py) must be among the files sent. */
  declaredModule(model: string): void {
    const modulePath = model.split(':', 1)[0].replaceAll('.', '/');
    const candidates = [`${modulePath}.py`, `${modulePath}/__init__.py`];
    if (candidates.some((c) => this.sent.has(c)) || [...this.sent].some((rel) => rel.startsWith(`${modulePath}.`) && /\.(so|pyd)$/.test(rel))) return;
    const modules = this.files.filter((f) => f.rel.endsWith('.py')).map((f) => f.rel.replace(/(\/__init__)?\.py$/, '').replaceAll('/', '.'));
    const excluded = candidates.some((c) => fs.existsSync(path.join(this.root, c)));
    const guess = closestMatch(model.split(':', 1)[0], modules);
    this.problems.push(
      excluded
        ? `model: ${candidates[0]} exists but .dockerignore excludes it, so the image could not import "${model}"`
        : `model: no module ${candidates.join(' or ')} in the project for "${model}"${guess ? `; did you mean ${guess}:${model.split(':')[1]}?` : ''}`,
    );
  }
}

const TOO_MANY = `the project has more than ${MAX_WALKED.toLocaleString('en')} files and folders (are symlinked folders multiplying it?); list what the image doesn't need in .dockerignore`;

/** A weights path as skylift.yaml writes it → as the walk names it: "./weights/" → "weights". */
export const weightRoot = (declared: string): string => {
  const root = declared.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return root === '.' ? '' : root; // "" is the whole project
};

/** For suggestions only: what a Windows-style or dotted path most likely meant ("weights\\m.bin" → "weights/m.bin"). */
const normalise = (declared: string): string => weightRoot(declared.replaceAll('\\', '/'));

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isSymlink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function readDockerignore(root: string): string[] {
  const file = path.join(root, '.dockerignore');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : [];
}
