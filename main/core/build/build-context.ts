import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';
import { SkyliftError } from '../../../shared/errors';
import { planContext, weightRoot, type ContextPlan } from './context-policy';
import { CONTEXT } from './dockerfile';

export interface ContextSources {
  projectDir: string;
  /** Project-relative weights paths from skylift.yaml (files or folders). */
  weights: readonly string[];
  requirements?: string;
  /** module:Class from skylift.yaml, checked to be among the files sent. */
  model?: string;
  dockerfile: string;
  /** resources/runtime/skylift_runtime: the adapter package. */
  runtimePackageDir: string;
  /** resources/runtime/azure: host.json and function folders, for the azure-functions variant. */
  azureDir?: string;
}

/**
 * Which part of the project a context carries: `all` is the single build (an ejected Dockerfile);
 * `deps` is the Dockerfile and requirements only; `code` is everything but the weights, which
 * Skylift loads as their own layer.
 */
export type ContextPart = 'all' | 'deps' | 'code';

export interface ContextSummary {
  files: number;
  bytes: number;
  ignored: number;
}

// A fixed mtime keeps layer cache keys stable across checkouts and touch-ups.
const MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Streams the build context as a tar, file by file: nothing is held in memory whole, so a
 * multi-gigabyte weights file costs only a stream buffer. Project files are split into
 * weights/ and app/ so they become separate layers; the adapter goes under skylift/.
 * What goes in is decided first (planContext): a project the policy refuses throws here,
 * synchronously, before any stream or build exists.
 */
export function buildContextStream(sources: ContextSources, part: ContextPart = 'all', plan: ContextPlan = planFor(sources)): { stream: Readable; summary: Promise<ContextSummary> } {
  const tar = pack();
  const summary = fillContext(tar, sources, plan, part).then(
    (result) => {
      tar.finalize();
      return result;
    },
    (error: unknown) => {
      tar.destroy(error as Error);
      throw error;
    },
  );
  summary.catch(() => undefined); // the stream carries the error to whoever reads it
  // tar-stream's pack is a streamx Readable: it pipes like a Node stream, which is all dockerode needs.
  return { stream: tar as unknown as Readable, summary };
}

/** What goes in is decided here, once: a project the policy refuses throws, before any stream or build exists. */
export const planFor = (sources: Pick<ContextSources, 'projectDir' | 'weights' | 'requirements' | 'model'>): ContextPlan =>
  planContext({ projectDir: sources.projectDir, weights: sources.weights, requirements: sources.requirements, model: sources.model });

async function fillContext(tar: Pack, sources: ContextSources, plan: ContextPlan, part: ContextPart): Promise<ContextSummary> {
  const summary: ContextSummary = { files: 0, bytes: 0, ignored: part === 'deps' ? 0 : plan.ignored };
  await addBuffer(tar, CONTEXT.dockerfile, Buffer.from(sources.dockerfile), summary);
  if (part !== 'deps') {
    for (const file of walk(sources.runtimePackageDir, (rel) => rel.includes('__pycache__') || rel.startsWith('tests'))) {
      await addFile(tar, `${CONTEXT.runtime}skylift_runtime/${file.rel}`, file.abs, summary);
    }
    if (sources.azureDir) {
      for (const file of walk(sources.azureDir)) await addFile(tar, `${CONTEXT.azure}${file.rel}`, file.abs, summary);
    }
  }
  if (plan.requirements && part !== 'code') await addFile(tar, CONTEXT.requirements, plan.requirements, summary);
  if (part === 'deps') return summary;
  const isWeight = weightMatcher(sources.weights);
  for (const file of plan.files) {
    const weight = isWeight(file.rel);
    if (weight && part === 'code') continue;
    await addFile(tar, `${weight ? CONTEXT.weights : CONTEXT.app}${file.rel}`, file.abs, summary);
  }
  return summary;
}

/** Whether a file is under a weights path: its own path or one of its folders is a root (a set lookup each, however many roots). */
export function weightMatcher(weights: readonly string[]): (rel: string) => boolean {
  const roots = new Set(weights.map(weightRoot));
  return (rel) => {
    if (roots.has('')) return true;
    for (let cut = rel.length; cut > 0; cut = rel.lastIndexOf('/', cut - 1)) if (roots.has(rel.slice(0, cut))) return true;
    return false;
  };
}

interface WalkedFile {
  rel: string;
  abs: string;
}

/** Regular files under a folder, in a stable order, skipping what `skip` names (and anything below it). */
function* walk(root: string, skip: (rel: string) => boolean = () => false, rel = ''): Generator<WalkedFile> {
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(childRel)) continue;
    if (entry.isDirectory()) yield* walk(root, skip, childRel);
    else if (entry.isFile()) yield { rel: childRel, abs: path.join(root, childRel) };
  }
}

async function addFile(tar: Pack, name: string, abs: string, summary: ContextSummary): Promise<void> {
  const stat = fs.statSync(abs);
  // Planned as a regular file; if it was swapped for something else since, reading it could block forever.
  if (!stat.isFile()) throw new SkyliftError({ code: 'BUILD_CONTEXT_REFUSED', message: `${abs} changed while the build context was being sent: it is no longer a regular file.`, hint: 'Build again once the project folder is settled.' });
  const entry = tar.entry({ name, size: stat.size, mode: stat.mode & 0o777, mtime: MTIME, uid: 0, gid: 0 });
  await pipeline(fs.createReadStream(abs), entry);
  summary.files++;
  summary.bytes += stat.size;
}

async function addBuffer(tar: Pack, name: string, content: Buffer, summary: ContextSummary): Promise<void> {
  await new Promise<void>((resolve, reject) => tar.entry({ name, size: content.length, mode: 0o644, mtime: MTIME }, content, (error) => (error ? reject(error) : resolve())));
  summary.files++;
  summary.bytes += content.length;
}
