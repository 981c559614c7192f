// The bench project: random weights (real bytes, not sparse), a model whose answer names its code
// version, and the same project laid out as a plain `docker build` context for the reference side.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const model = (version: number) =>
  `VERSION = ${version}\n\n\nclass Model:\n    def load(self):\n        pass\n\n    def predict(self, payload):\n        return {"version": VERSION}\n`;

export function makeProject(dir: string, name: string, weightsBytes: number, baseImage: string): void {
  fs.mkdirSync(path.join(dir, 'weights'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.py'), model(0));
  fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${name}\npython: "3.11"\nframework:\n  name: none\nmodel: model:Model\nweights:\n  - weights/\ntargets:\n  local:\n    baseImage: ${baseImage}\n`);
  // A 64 MiB random block written over and over: incompressible, and fast to make.
  const block = randomBytes(Math.min(64 * 1024 ** 2, weightsBytes));
  const fd = fs.openSync(path.join(dir, 'weights', 'model.bin'), 'w');
  try {
    for (let written = 0; written < weightsBytes; written += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, weightsBytes - written));
  } finally {
    fs.closeSync(fd);
  }
}

/** A copy in another folder under another name (new mtimes: the copy is written, not linked). */
export function copyProject(from: string, to: string, name: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}.skylift`) });
  const yaml = path.join(to, 'skylift.yaml');
  fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
}

/** A code-only change, as the issue measures it: one comment line appended to model.py. */
export function appendComment(files: string[], text: string): void {
  for (const file of files) fs.appendFileSync(file, `# ${text}\n`);
}

/** A code-only change whose effect shows in the answer: predict returns this version. */
export function setVersion(dir: string, version: number): void {
  const file = path.join(dir, 'model.py');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^VERSION = \d+$/m, `VERSION = ${version}`));
}

/**
 * Skylift's context layout on disk (as scripts/bench/build.mjs makes it), with the variant's
 * single generated Dockerfile: what a user who ejected it would `docker build`. The weights are
 * hard-linked, so the reference streams the very same bytes.
 */
export function dockerContext(project: string, dir: string, dockerfile: string): { dir: string; model: string } {
  fs.mkdirSync(path.join(dir, 'skylift', 'runtime'), { recursive: true });
  fs.cpSync('resources/runtime/skylift_runtime', path.join(dir, 'skylift', 'runtime', 'skylift_runtime'), { recursive: true, filter: (s) => !s.includes('__pycache__') && !s.includes('/tests') });
  fs.mkdirSync(path.join(dir, 'weights', 'weights'), { recursive: true });
  fs.linkSync(path.join(project, 'weights', 'model.bin'), path.join(dir, 'weights', 'weights', 'model.bin'));
  fs.mkdirSync(path.join(dir, 'app'));
  for (const f of ['model.py', 'skylift.yaml']) fs.copyFileSync(path.join(project, f), path.join(dir, 'app', f));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  return { dir, model: path.join(dir, 'app', 'model.py') };
}
