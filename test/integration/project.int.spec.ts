import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { createCore } from '../../main/core/core';
import { copySample } from '../helpers/build';
import { useTempDir } from '../helpers/temp';

/** The project calls the Deploy page makes, through the contract's dispatch with a real core. */
describe('project calls', () => {
  const tempDir = useTempDir();
  let core: Core | undefined;
  afterEach(async () => core?.close());

  function open(hostDriver: string | null) {
    const dataDir = tempDir();
    core = createCore({ data: { dataDir, databasePath: path.join(dataDir, 's.db'), source: 'SKYLIFT_HOME' }, mode: 'browser', version: '0.0.0-test', resourcesDir: path.resolve('resources'), hostDriverVersion: async () => hostDriver });
    return core;
  }

  it('opens the torch sample with a Dockerfile per target, and warns before building when the driver is too old', async () => {
    const dir = copySample('torch-mlp', tempDir(), 'it-torch');
    const result = await open('470.57.02').dispatch('project:open', { dir });
    expect(result.ok).toBe(true);
    const opened = (result as { value: { valid: boolean; variants: Array<{ variant: string; plan: { baseImage: string; warnings: string[] }; dockerfile: string }> } }).value;
    expect(opened.valid).toBe(true);
    const local = opened.variants.find((v) => v.variant === 'local')!;
    expect(local.plan.baseImage).toBe('pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime');
    expect(local.plan.warnings.join(' ')).toMatch(/470\.57\.02, older than 550\.54\.14/);
    expect(opened.variants.find((v) => v.variant === 'aws-lambda')!.dockerfile).toContain('FROM python:3.11-slim-bookworm');
  });

  it('keeps a good skylift.yaml when asked to save a bad one', async () => {
    const dir = copySample('numpy-classifier', tempDir(), 'it-save');
    const before = fs.readFileSync(path.join(dir, 'skylift.yaml'), 'utf8');
    const result = await open(null).dispatch('project:save', { dir, yaml: 'name: Not Valid\n' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PROJECT_INVALID', message: expect.stringMatching(/skylift\.yaml:1:1: name: /) } });
    expect(fs.readFileSync(path.join(dir, 'skylift.yaml'), 'utf8')).toBe(before);
  });

  it('creates a project from a sample and proposes a config for a folder without one', async () => {
    const c = open(null);
    const target = path.join(tempDir(), 'fresh');
    expect(await c.dispatch('samples:create', { sample: 'numpy-classifier', dir: target })).toMatchObject({ ok: true, value: { dir: target } });
    const missing = tempDir();
    fs.writeFileSync(path.join(missing, 'requirements.txt'), 'scikit-learn==1.5.0\n');
    expect(await c.dispatch('project:open', { dir: missing })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
    const proposal = await c.dispatch('project:propose', { dir: missing });
    expect(proposal).toMatchObject({ ok: true, value: { yaml: expect.stringContaining('name: sklearn') } });
  });
});

describe('an ejected Dockerfile', () => {
  const tempDir = useTempDir();

  it("reports its own FROM as the base, not the table's", async () => {
    const dataDir = tempDir();
    const core = createCore({ data: { dataDir, databasePath: path.join(dataDir, 's.db'), source: 'SKYLIFT_HOME' }, mode: 'browser', version: '0', resourcesDir: path.resolve('resources'), hostDriverVersion: async () => null });
    const dir = copySample('numpy-classifier', tempDir(), 'it-eject');
    await core.dispatch('project:eject', { dir, variant: 'local' });
    const file = path.join(dir, '.skylift', 'Dockerfile.local');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^FROM .*$/m, 'FROM --platform=linux/amd64 my.registry/team/base:7'));
    const result = (await core.dispatch('project:open', { dir })) as { ok: true; value: { variants: Array<{ variant: string; ejected: boolean; plan: { baseImage: string; baseSource: string } }> } };
    expect(result.value.variants.find((v) => v.variant === 'local')).toMatchObject({ ejected: true, plan: { baseImage: 'my.registry/team/base:7', baseSource: 'ejected-dockerfile' } });
    await core.close();
  });
});

describe('app:chooseFolder', () => {
  const tempDir = useTempDir();
  const make = (chooseFolder?: (title: string) => Promise<string | null>) => {
    const dataDir = tempDir();
    return createCore({ data: { dataDir, databasePath: path.join(dataDir, 's.db'), source: 'SKYLIFT_HOME' }, mode: chooseFolder ? 'electron' : 'browser', version: '0', resourcesDir: path.resolve('resources'), chooseFolder });
  };

  it("asks the app's picker in Electron, and says to type the path in browser mode", async () => {
    const asked: string[] = [];
    const desktop = make(async (title) => (asked.push(title), '/home/ada/models/iris'));
    expect(await desktop.dispatch('app:chooseFolder', { title: 'Open a model project' })).toEqual({ ok: true, value: { path: '/home/ada/models/iris' } });
    expect(asked).toEqual(['Open a model project']);
    const browser = make();
    expect(await browser.dispatch('app:chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE', hint: expect.stringContaining('Type the folder path') } });
    await desktop.close();
    await browser.close();
  });
});
