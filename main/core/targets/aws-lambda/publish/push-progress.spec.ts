import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageLayersOf, pushLineSplitter, PushProgressTracker, type ImageLayers, type PushUpdate } from './push-progress';
import { describeProgress, describePushed, pushFraction } from './push-progress-text';

/** Streams recorded from Docker 20.10 pushing to Debian's docker-registry 2.8 (see the integration test). */
const recorded = (name: string) => fs.readFileSync(path.resolve('test/fixtures/docker-push', `${name}.jsonl`), 'utf8');

function replay(text: string, chunkSize = 97, image: ImageLayers | null = null) {
  let clock = 0;
  const tracker = new PushProgressTracker(() => clock, image);
  const updates: PushUpdate[] = [];
  const texts: string[] = [];
  const feed = pushLineSplitter((m) => {
    clock += 10;
    updates.push(tracker.apply(m));
  }, (line) => texts.push(line));
  // Odd chunk sizes: lines split across chunks must parse the same.
  for (let i = 0; i < text.length; i += chunkSize) feed(text.slice(i, i + chunkSize));
  return { snapshot: tracker.snapshot(), updates, texts };
}

describe('push progress from recorded engine streams', () => {
  it('first push: both layers uploaded, bytes per layer and in total, the digest from aux', () => {
    const { snapshot, updates } = replay(recorded('first-push'));
    expect(snapshot.error).toBeNull();
    expect(snapshot.digest).toBe('sha256:9b1fb60fce4b62835769875b4eea46cd872745eb698e09f9158eb87d953462d3');
    expect(snapshot.skippedLayers).toEqual([]);
    expect(snapshot.layers.map((l) => [l.id, l.state])).toEqual([['e9447271dd6b', 'pushed'], ['ecd319530199', 'pushed']]);
    const app = snapshot.layers.find((l) => l.id === 'e9447271dd6b')!;
    expect(app.totalBytes).toBe(405264);
    const base = snapshot.layers.find((l) => l.id === 'ecd319530199')!;
    expect(base.totalBytes).toBe(169149426);
    expect(base.bytesPushed).toBeGreaterThanOrEqual(169149426);
    expect(snapshot.bytesPushed).toBe(app.bytesPushed + base.bytesPushed);
    expect(snapshot.bytesPerSecond).toBeGreaterThan(0);
    expect(pushFraction(snapshot)).toBe(1);
    // State changes are reported once each, not once per byte count.
    expect(updates.filter((u) => u.layerChanged).map((u) => `${u.layerChanged!.id} ${u.layerChanged!.state}`)).toEqual([
      'e9447271dd6b preparing', 'ecd319530199 preparing', 'e9447271dd6b pushing', 'ecd319530199 pushing', 'e9447271dd6b pushed', 'ecd319530199 pushed',
    ]);
  });

  it('never says more was pushed than the layers hold (the engine counts tar headers too)', () => {
    const layer = { id: 'ecd319530199', state: 'pushing' as const, bytesPushed: 341_000_000, totalBytes: 331_700_000 };
    const text = describeProgress({ layers: [layer], skippedLayers: [], skippedBytes: null, bytesPushed: 341_000_000, bytesPerSecond: null, digest: null, error: null });
    expect(text).toBe('Pushing 1 layer, 316.3 MiB');
  });

  it('code-only change: the base layer is skipped as already existing, only the new layer counts', () => {
    const { snapshot } = replay(recorded('code-only-change'));
    expect(snapshot.skippedLayers).toEqual(['ecd319530199']);
    expect(snapshot.layers.find((l) => l.id === 'ecd319530199')).toMatchObject({ state: 'already-exists', bytesPushed: 0, totalBytes: null });
    expect(snapshot.bytesPushed).toBeLessThan(1_000_000);
    expect(snapshot.digest).toBe('sha256:9c421304940260e2932bb1826af0e51a1376110cf95e58fd30bae5024e22b61b');
    // Without the image's layers and size the skipped bytes are unknown, and left unsaid.
    expect(snapshot.skippedBytes).toBeNull();
    expect(describeProgress(snapshot)).toBe('1 layer already in the registry; pushing 1 layer, 395.8 KiB at 7.8 MiB/s');
  });

  it("with the image's layers and size: the skipped bytes are the image's less what uploaded, said in progress and in the last line", () => {
    // The base layer (169149426 bytes, as `docker history` has it) plus the 405264-byte code layer.
    const image = { layerIds: ['ecd319530199', 'f022a32418a5'], bytes: 169_149_426 + 405_264 };
    const { snapshot } = replay(recorded('code-only-change'), 97, image);
    expect(snapshot.skippedBytes).toBe(169_149_426);
    expect(describeProgress(snapshot)).toBe('1 layer already in the registry (161.3 MiB skipped); pushing 1 layer, 395.8 KiB at 7.8 MiB/s');
    expect(describePushed(snapshot, '127.0.0.1:5511/cap/tiny@sha256:9c42', 0.42)).toBe(
      'Pushed 127.0.0.1:5511/cap/tiny@sha256:9c42 in 0.4 s: 1 layer already in the registry (161.3 MiB skipped); uploaded 1 layer, 395.8 KiB',
    );
  });

  it('skipped bytes stay unknown until every layer of the image is seen and every layer to upload has its size', () => {
    let clock = 0;
    const tracker = new PushProgressTracker(() => clock++, { layerIds: ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'], bytes: 3_000 });
    tracker.apply({ id: 'aaaaaaaaaaaa', status: 'Layer already exists' });
    tracker.apply({ id: 'bbbbbbbbbbbb', status: 'Preparing' });
    expect(tracker.snapshot().skippedBytes).toBeNull();
    tracker.apply({ id: 'cccccccccccc', status: 'Mounted from other/repo' });
    // bbbb has not announced its size yet.
    expect(tracker.snapshot().skippedBytes).toBeNull();
    tracker.apply({ id: 'bbbbbbbbbbbb', status: 'Pushing', progressDetail: { current: 10, total: 1_000 } });
    expect(tracker.snapshot().skippedBytes).toBe(2_000);
    expect(describeProgress(tracker.snapshot())).toMatch(/^2 layers already in the registry \(2\.0 KiB skipped\); pushing 1 layer, 10 B of 1000 B at /);
  });

  it("reads the image's layers from `docker image inspect`, and nothing from anything else", () => {
    const diffId = (c: string) => `sha256:${c.repeat(64)}`;
    expect(imageLayersOf({ RootFS: { Layers: [diffId('a'), diffId('b'), diffId('a')] }, Size: 42 })).toEqual({ layerIds: ['aaaaaaaaaaaa', 'bbbbbbbbbbbb'], bytes: 42 });
    expect(imageLayersOf({})).toBeNull();
    expect(imageLayersOf(null)).toBeNull();
    expect(imageLayersOf({ RootFS: { Layers: ['nope'] }, Size: 1 })).toBeNull();
    expect(imageLayersOf({ RootFS: { Layers: [diffId('a')] }, Size: -1 })).toBeNull();
  });

  it('a push to another repository: layers mounted from the first one are skipped, with where from', () => {
    const { snapshot } = replay(recorded('mounted-from-other-repo'));
    expect(snapshot.skippedLayers).toEqual(['f022a32418a5', 'ecd319530199']);
    expect(snapshot.layers[0]).toMatchObject({ state: 'mounted', mountedFrom: 'cap/tiny' });
    expect(snapshot.bytesPushed).toBe(0);
    expect(pushFraction(snapshot)).toBe(1);
  });

  it('registry down mid-push: retries are not progress, and the engine\'s final error is kept', () => {
    const { snapshot, updates } = replay(recorded('registry-down-mid-push'));
    expect(snapshot.error).toBe('dial tcp 127.0.0.1:5511: connect: connection refused');
    expect(snapshot.digest).toBeNull();
    const retries = updates.filter((u) => u.retrying);
    expect(retries.length).toBeGreaterThan(10);
    expect(retries.every((u) => !u.bytesAdvanced)).toBe(true);
    expect(retries[0].retrying).toBe('Retrying in 5 seconds');
  });

  it('unauthorized: the error line, no digest', () => {
    const { snapshot } = replay(recorded('unauthorized'));
    expect(snapshot.error).toBe('unauthorized: authentication required');
    expect(snapshot.digest).toBeNull();
  });

  it('malformed lines never throw: non-JSON and non-object JSON go to text, bad digests are ignored', () => {
    const { snapshot, texts } = replay('not json\n[1,2]\nnull\n{"aux":{"Digest":"sha256:short"}}\n{"id":"x","status":"Pushing","progressDetail":{"current":-5}}\n');
    expect(texts).toEqual(['not json', '[1,2]', 'null']);
    expect(snapshot.digest).toBeNull();
    expect(snapshot.layers[0].bytesPushed).toBe(0);
  });

  it('stays linear: a megabyte of progress lines parses in one pass', () => {
    const line = '{"status":"Pushing","progressDetail":{"current":1,"total":2},"id":"aaaaaaaaaaaa"}\n';
    const { snapshot } = replay(line.repeat(Math.ceil(1_000_000 / line.length)), 65_536);
    expect(snapshot.layers).toHaveLength(1);
  });
});
