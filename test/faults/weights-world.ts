import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Dockerode from 'dockerode';
import type { AppError } from '../../shared/errors';
import { toAppError } from '../../main/core/errors';
import { ensureWeightsImage, weightsTag } from '../../main/core/build/weights/weights-image';
import { fileMode } from '../../main/core/build/weights/layer-tar';
import { weightsHash } from '../../main/core/build/weights/weights-hash';
import { docker } from '../helpers/build';
import { check } from './fault-log';

export interface WeightsRun {
  logs: string[];
  steps: string[];
}

export interface EnsureOptions {
  dataDir: string;
  depsImage: string;
  engine?: Dockerode;
  /** Called with each step's name as it starts (a probe changes the files at the moment it chooses). */
  onStep?: (name: string) => void;
  onLog?: (line: string) => void;
  loadStallMs?: number;
  signal?: AbortSignal;
}

/** Every file under `dir` (no folders), relative: what the build's plan would declare as weights. */
export function filesUnder(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, child) : [child];
  });
}

/** ensureWeightsImage as the build calls it, on the test engine (or one behind a proxy), with its log kept. */
export function ensureWeights(dir: string, rels: readonly string[], options: EnsureOptions) {
  const run: WeightsRun = { logs: [], steps: [] };
  const promise = ensureWeightsImage({
    docker: options.engine ?? docker,
    depsImage: options.depsImage,
    weights: rels.map((rel) => ({ rel, abs: path.join(dir, rel) })),
    dataDir: options.dataDir,
    noCache: false,
    loadStallMs: options.loadStallMs,
    job: {
      signal: options.signal ?? new AbortController().signal,
      log: (line) => (run.logs.push(line), options.onLog?.(line)),
      step: (_i, name) => (run.steps.push(name), options.onStep?.(name)),
      progress: () => undefined,
    },
  });
  promise.catch(() => undefined);
  return { run, promise };
}

/** The weights hash and tag the given files would get now (read by the test, not by Skylift). */
export function expectedWeights(dir: string, rels: readonly string[], depsId: string): { hash: string; tag: string } {
  const hash = weightsHash(
    rels.map((rel) => {
      const abs = path.join(dir, rel);
      const stat = fs.statSync(abs);
      return { name: `app/${rel}`, mode: fileMode(stat.mode), size: stat.size, sha256: createHash('sha256').update(fs.readFileSync(abs)).digest('hex') };
    }),
  );
  return { hash, tag: weightsTag(hash, depsId) };
}

/** Images (tagged or not) carrying this weights hash: none may be left by a failed load. */
export async function imagesWithHash(hash: string): Promise<string[]> {
  return (await docker.listImages({ all: true, filters: { label: [`dev.skylift.weights-hash=${hash}`] } })).map((image) => image.Id);
}

export async function removeWeightsImages(hashes: Iterable<string>): Promise<void> {
  for (const hash of hashes) {
    for (const image of await docker.listImages({ all: true, filters: { label: [`dev.skylift.weights-hash=${hash}`] } })) {
      for (const tag of image.RepoTags ?? []) await docker.getImage(tag).remove({ noprune: false }).catch(() => undefined);
      await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

/** What the user sees of a failure: the code and message words, never a stack. */
export function checkUserError(error: unknown, codes: readonly string[], words: RegExp): AppError {
  check(error, 'the build did not fail');
  const shown = toAppError(error);
  check(codes.includes(shown.code), `code ${shown.code}, not ${codes.join('|')}: ${shown.message.slice(0, 300)}`);
  check(words.test(shown.message), `the message does not say ${words}: ${shown.message.slice(0, 400)}`);
  check(!/\n\s+at /.test(`${shown.message}\n${shown.hint ?? ''}`), 'the message carries a stack trace');
  return shown;
}

/** The outcome of a promise within `ms`: its value, its error, or 'hang'. */
export async function settle<T>(promise: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; hang?: true; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)));
  try {
    const outcome = await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), late]);
    return outcome === 'hang' ? { hang: true, ms: performance.now() - started } : { ...outcome, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
