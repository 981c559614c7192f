import { describe, expect, it } from 'vitest';
import type { EngineImage } from './image-facts';
import { builtOn, dependents, ownBytes, prunePlan } from './image-plan';
import { LayerTree } from './layer-tree';
import type { ImageUser } from './image-users';

/** Images as layer lists: 'B' base, 'D' deps, 'W1' weights, 'C' code (sizes: 100 per layer, weights 1000). */
function image(id: string, layers: string[], over: Partial<EngineImage> = {}): EngineImage {
  const kind = over.kind === undefined ? null : over.kind;
  return {
    id, tags: [`${id}:t`], labels: kind === 'code' ? { 'dev.skylift.project': 'iris', 'dev.skylift.variant': 'local' } : {}, kind, shown: true, dangling: false, stoppedBuild: false,
    sizeBytes: layers.reduce((sum, layer) => sum + (layer.startsWith('w') ? 1000 : 100), 0), createdAt: '2026-01-01T00:00:00.000Z',
    layers, layerSizes: layers.map((layer) => (layer.startsWith('w') ? 1000 : 100)), ...over,
  };
}

const base = image('base', ['b1']);
const deps = image('deps', ['b1', 'd1'], { kind: 'deps', tags: ['skylift-deps/iris:local'] });
const w1 = image('w1', ['b1', 'd1', 'w1'], { kind: 'weights', tags: ['skylift-weights:1-d'] });
const w2 = image('w2', ['b1', 'd1', 'w2'], { kind: 'weights', tags: ['skylift-weights:2-d'] });
const code2 = image('code2', ['b1', 'd1', 'w2', 'c1'], { kind: 'code', tags: ['skylift/iris:local'] });
const planFor = (images: EngineImage[], holders: Map<string, ImageUser[]>, keep: boolean) => prunePlan(images, new LayerTree(images), holders, keep);
const ids = (result: ReturnType<typeof prunePlan>) => result.remove.map((entry) => entry.image.id).sort();

describe('builtOn', () => {
  it('is a strict layer prefix', () => {
    expect(builtOn(code2, w2)).toBe(true);
    expect(builtOn(code2, deps)).toBe(true);
    expect(builtOn(code2, w1)).toBe(false);
    expect(builtOn(w2, w2)).toBe(false);
    expect(builtOn(w2, image('empty', []))).toBe(false);
  });
});

describe('prunePlan', () => {
  it('after a weights change: the old weights image goes with the older build; the current ones and the deps stay', () => {
    const older = image('code1', ['b1', 'd1', 'w1', 'c1'], { kind: 'code', tags: [], dangling: true });
    const plan = planFor([base, deps, w1, w2, code2, older], new Map(), false);
    expect(ids(plan)).toEqual(['code1', 'w1']);
    expect(plan.remove.find((e) => e.image.id === 'w1')!.why).toBe('weights layer w1… that no Skylift image is built on any more');
    expect(plan.remove.find((e) => e.image.id === 'code1')!.why).toBe('an older build of iris (local)');
  });

  it('a container on the older build keeps it and, through it, its weights image; the hold is reported', () => {
    const older = image('code1', ['b1', 'd1', 'w1', 'c1'], { kind: 'code', tags: [], dangling: true });
    const holders = new Map<string, ImageUser[]>([['code1', [{ containerId: 'c', jobId: 'j', state: 'running', heldByBuild: false }]]]);
    const plan = planFor([base, deps, w1, w2, code2, older], holders, false);
    expect(ids(plan)).toEqual([]);
    expect(plan.held.map((h) => h.image.id)).toEqual(['code1']);
  });

  it('a container of a running build (an intermediate on the weights image) keeps the weights image', () => {
    const intermediate = image('mid', ['b1', 'd1', 'w1', 'x'], { tags: [], shown: false });
    const plan = planFor([deps, w1, w2, code2, intermediate], new Map([['mid', [{ containerId: 'c', jobId: null, state: 'running', heldByBuild: false }]]]), false);
    expect(ids(plan)).toEqual([]);
  });

  it('weights and deps images never keep each other: with no code image both go; another tool\'s image on them keeps them', () => {
    expect(ids(planFor([base, deps, w1], new Map(), false))).toEqual(['deps', 'w1']);
    const theirs = image('theirs', ['b1', 'd1', 'w1', 'z']);
    expect(ids(planFor([base, deps, w1, theirs], new Map(), false))).toEqual([]);
  });

  it('while a build is under way, unused tagged weights and deps images stay; dangling ones still go', () => {
    const older = image('code1', ['b1', 'd1', 'w1', 'c1'], { kind: 'code', tags: [], dangling: true });
    expect(ids(planFor([deps, w1, w2, code2, older], new Map(), true))).toEqual(['code1']);
  });

  it('a leftover with exactly its base\'s layers (a build stopped after ENV) goes: what is built on the base is not built on it', () => {
    const envOnly = image('env', ['b1'], { tags: [], dangling: true, stoppedBuild: true });
    expect(ids(planFor([base, deps, w2, code2, envOnly], new Map(), false))).toEqual(['env']);
  });

  it('never touches tagged code images or other tools\' dangling images; a stopped build\'s leftover goes', () => {
    const foreign = image('foreign', ['b1', 'f'], { tags: [], dangling: true });
    const stopped = image('stopped', ['b1', 's'], { tags: [], dangling: true, stoppedBuild: true });
    expect(ids(planFor([base, deps, w2, code2, foreign, stopped], new Map(), false))).toEqual(['stopped']);
  });
});

describe('sizes', () => {
  it('counts a shared layer once, and not at all when another image keeps it', () => {
    const copy = image('copy', ['b1', 'd1', 'w2', 'c2'], { kind: 'code' });
    const tree = new LayerTree([base, deps, w1, w2, code2, copy]);
    expect(tree.layerBytes([code2, copy], [base])).toBe(100 + 1000 + 100 + 100); // d1, w2, c1, c2 (b1 is the base's)
    expect(tree.layerBytes([w1], [w2, code2])).toBe(1000);
    expect(tree.layerBytes([deps], [w2])).toBe(0);
  });

  it('an image\'s own bytes: the weights layer; code over its weights image; deps over the base', () => {
    const tree = new LayerTree([base, deps, w1, w2, code2]);
    expect(ownBytes(w2, tree)).toBe(1000);
    expect(ownBytes(code2, tree)).toBe(100);
    expect(ownBytes(deps, tree)).toBe(100);
    const noHistory = { ...deps, layerSizes: null };
    expect(ownBytes(noHistory, new LayerTree([base, noHistory]))).toBe(100); // from the image sizes when its history is missing
  });

  it('dependents are code and other images, not weights or deps images', () => {
    expect(dependents(deps, new LayerTree([deps, w1, w2, code2]), new Set()).map((i) => i.id)).toEqual(['code2']);
  });
});

describe('LayerTree', () => {
  it('finds what is built on an image and under it, as the layer prefixes say', () => {
    const twin = image('twin', ['b1', 'd1'], { tags: [] });
    const tree = new LayerTree([base, deps, w1, w2, code2, twin]);
    expect(tree.above(deps).map((i) => i.id).sort()).toEqual(['code2', 'w1', 'w2']);
    expect(tree.above(code2)).toEqual([]);
    expect(tree.below(code2).map((i) => i.id)).toEqual(['w2', 'deps', 'twin', 'base']);
    expect(tree.hasTwin(deps)).toBe(true);
    expect(tree.hasTwin(w2)).toBe(false);
  });
});
