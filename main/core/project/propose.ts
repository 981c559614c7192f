import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { stringify } from 'yaml';
import { PROJECT_NAME_MAX, type Framework } from '../../../shared/project/schema';
import { dependencyFileLimit, readBoundedFile, type ReadLimit } from './read-bounded';
import { formatBytes } from '../../../shared/text/bytes';

export interface Requirement {
  name: string;
  version?: string;
}

export interface Proposal {
  yaml: string;
  notes: string[];
}

const FRAMEWORK_PACKAGES: Array<[Framework, string[]]> = [
  ['torch', ['torch']],
  ['tensorflow', ['tensorflow', 'tensorflow-cpu', 'tf-nightly']],
  ['onnx', ['onnxruntime', 'onnxruntime-gpu']],
  ['sklearn', ['scikit-learn']],
];

/** `torch==2.3.1`, `numpy>=1.24`, `scikit-learn[extra] ~= 1.4 ; python_version > "3.8"` → name and pinned or minimum version. */
export function parseRequirementLine(line: string): Requirement | undefined {
  const text = line.replace(/#.*/, '').split(';')[0].trim();
  if (!text || text.startsWith('-')) return undefined;
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:(==|>=|~=|===)\s*([0-9][0-9A-Za-z.+-]*))?/.exec(text);
  if (!match) return undefined;
  return { name: match[1].toLowerCase().replace(/_/g, '-'), ...(match[3] ? { version: match[3] } : {}) };
}

/** Reads requirements.txt and pyproject.toml (PEP 621) of a folder and proposes a skylift.yaml. */
export function proposeConfig(dir: string): Proposal {
  const notes: string[] = [];
  const requirementsFile = fs.existsSync(path.join(dir, 'requirements.txt')) ? 'requirements.txt' : undefined;
  const requirements = requirementsFile ? readBoundedFile(path.join(dir, requirementsFile), dependencyFileLimit).split('\n').map(parseRequirementLine).filter((r): r is Requirement => Boolean(r)) : [];
  const pyproject = readPyproject(dir, notes);
  const all = [...requirements, ...pyproject.requirements];

  const framework = detectFramework(all, notes);
  const found = findModelClass(dir, notes);
  const model = found ?? 'model:Model';
  if (!found) notes.push('No class with a predict() method was found; set "model" to module:Class.');
  const weights = ['weights', 'checkpoints', 'models'].filter((d) => fs.existsSync(path.join(dir, d))).map((d) => `${d}/`);

  const config = {
    name: slug(path.basename(path.resolve(dir))),
    python: pyproject.python ?? '3.11',
    framework,
    ...(requirementsFile ? { requirements: requirementsFile } : {}),
    systemPackages: [],
    model,
    weights,
    gpu: framework.name === 'torch' || framework.name === 'tensorflow',
    targets: { local: {}, 'aws-lambda': { memoryMb: 2048, timeoutSeconds: 60 }, 'azure-functions': {} },
  };
  if (!requirementsFile && pyproject.requirements.length > 0) notes.push('Dependencies come from pyproject.toml; add a requirements.txt for the image to install them.');
  return { yaml: stringify(config), notes };
}

function detectFramework(requirements: Requirement[], notes: string[]): { name: Framework; version?: string } {
  for (const [framework, packages] of FRAMEWORK_PACKAGES) {
    const found = requirements.find((r) => packages.includes(r.name));
    if (!found) continue;
    if (!found.version) notes.push(`${found.name} has no pinned version; pin it (e.g. ${found.name}==X.Y.Z) so the right CUDA base is chosen.`);
    return { name: framework, version: found.version ?? 'unknown' };
  }
  return { name: 'none' };
}

function readPyproject(dir: string, notes: string[]): { requirements: Requirement[]; python?: string } {
  const file = path.join(dir, 'pyproject.toml');
  if (!fs.existsSync(file)) return { requirements: [] };
  const text = readBoundedFile(file, dependencyFileLimit); // a FIFO or an oversized file is refused, not skipped
  try {
    const doc = parseToml(text) as { project?: { dependencies?: string[]; 'requires-python'?: string } };
    const deps = doc.project?.dependencies ?? [];
    const python = /3\.(\d+)/.exec(doc.project?.['requires-python'] ?? '')?.[0];
    return { requirements: deps.map(parseRequirementLine).filter((r): r is Requirement => Boolean(r)), ...(python ? { python } : {}) };
  } catch {
    notes.push('pyproject.toml could not be read as TOML; it was skipped.');
    return { requirements: [] };
  }
}

/** A model's .py file is source, rarely over a few hundred KB; larger ones are generated and skipped. */
const sourceFileLimit: ReadLimit = { ...dependencyFileLimit, tooLarge: (bytes) => `${formatBytes(bytes)}, more than Skylift reads of a source file`, hint: '' };

/** The first top-level `class X` in a .py file of the folder that defines predict(). */
function findModelClass(dir: string, notes: string[]): string | undefined {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    const text = readSource(path.join(dir, file), notes);
    if (text === undefined) continue;
    for (const match of text.matchAll(/^class\s+([A-Za-z_]\w*)[^\n]*:\n((?:[ \t]+[^\n]*\n|\s*\n)*)/gm)) {
      if (/\bdef\s+predict\s*\(/.test(match[2])) return `${file.replace(/\.py$/, '')}:${match[1]}`;
    }
  }
  return undefined;
}

/** A .py file's text, or undefined with a note when it is a FIFO, a folder, a device or huge. */
function readSource(file: string, notes: string[]): string | undefined {
  try {
    return readBoundedFile(file, sourceFileLimit);
  } catch (error) {
    notes.push(`${path.basename(file)} was skipped while looking for the model class: ${(error as Error).message}`);
    return undefined;
  }
}

/** A folder name as a project name: cut to length before the ends are trimmed, so no dash is left at the end. */
const slug = (text: string) =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, PROJECT_NAME_MAX).replace(/^-+|-+$/g, '') || 'model';
