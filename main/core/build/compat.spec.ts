import { describe, expect, it } from 'vitest';
import { projectConfigSchema, type ProjectConfigInput } from '../../../shared/project/schema';
import { checkDriver, compareVersions, compatTable, findGpuEntry } from './compat';
import { planVariant } from './variant-plan';

const project = (patch: Partial<ProjectConfigInput> = {}) =>
  projectConfigSchema.parse({
    name: 'mlp',
    python: '3.11',
    framework: { name: 'torch', version: '2.5.1' },
    model: 'model:Net',
    gpu: true,
    targets: { local: {}, 'aws-lambda': {}, 'azure-functions': {} },
    ...patch,
  });

describe('compat table', () => {
  it('maps every GPU base to a CUDA version whose driver minimum it knows', () => {
    for (const entries of Object.values(compatTable.frameworks)) {
      for (const entry of entries) expect(compatTable.cuda[entry.cuda], `${entry.gpuImage} → CUDA ${entry.cuda}`).toBeDefined();
    }
    expect(compatTable.cuda[compatTable.genericGpu.cuda]).toBeDefined();
  });

  it('finds the base by major.minor of the framework version', () => {
    expect(findGpuEntry(compatTable, 'torch', '2.5.1')).toMatchObject({ cuda: '12.4', gpuImage: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime' });
    expect(findGpuEntry(compatTable, 'tensorflow', '2.14.0')).toMatchObject({ cuda: '11.8' });
    expect(findGpuEntry(compatTable, 'torch', '1.13.0')).toBeUndefined();
  });
});

describe('checkDriver', () => {
  it('passes a driver at or above the CUDA minimum, segment by segment', () => {
    expect(checkDriver(compatTable, '12.4', '550.54.14').status).toBe('ok');
    expect(checkDriver(compatTable, '12.4', '555.42.2').status).toBe('ok');
    expect(compareVersions('550.100', '550.54.14')).toBe(1);
  });

  it('says so when the host driver is older than the minimum', () => {
    const check = checkDriver(compatTable, '12.4', '535.104.05');
    expect(check.status).toBe('too-old');
    expect(check.message).toContain('535.104.05');
    expect(check.message).toContain('550.54.14');
  });

  it('reports no driver separately', () => {
    expect(checkDriver(compatTable, '12.1', null).status).toBe('no-driver');
  });
});

describe('planVariant', () => {
  it('gives local a CUDA base when a GPU is wanted, and Lambda a CPU base with a warning', () => {
    const config = project();
    expect(planVariant(config, 'local', compatTable)).toMatchObject({ gpu: true, cuda: '12.4', baseImage: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime', baseSource: 'compat-table', platform: 'linux/amd64' });
    const lambda = planVariant(config, 'aws-lambda', compatTable);
    expect(lambda).toMatchObject({ gpu: false, cuda: null, baseImage: 'python:3.11-slim-bookworm' });
    expect(lambda.warnings[0]).toContain('no GPUs');
    expect(planVariant(config, 'azure-functions', compatTable).baseImage).toBe('mcr.microsoft.com/azure-functions/python:4-python3.11');
  });

  it('lets skylift.yaml and then the build option override the base, and the platform', () => {
    const config = project({ targets: { local: { baseImage: 'my/base:1', architecture: 'arm64' } } });
    expect(planVariant(config, 'local', compatTable)).toMatchObject({ baseImage: 'my/base:1', baseSource: 'skylift.yaml', platform: 'linux/arm64' });
    expect(planVariant(config, 'local', compatTable, { baseImage: 'cli/base:2', platform: 'linux/amd64' })).toMatchObject({ baseImage: 'cli/base:2', baseSource: 'build-option', architecture: 'x86_64' });
  });

  it('refuses a GPU on Lambda and an unknown framework version, each with a hint', () => {
    expect(() => planVariant(project({ targets: { 'aws-lambda': { gpu: true } } }), 'aws-lambda', compatTable)).toThrow(expect.objectContaining({ hint: expect.stringContaining('targets.aws-lambda') }));
    expect(() => planVariant(project({ framework: { name: 'torch', version: '1.13.1' } }), 'local', compatTable)).toThrow(
      expect.objectContaining({ code: 'NO_GPU_BASE', hint: expect.stringContaining('2.5') }),
    );
    expect(() => planVariant(project({ targets: { local: {} } }), 'aws-lambda', compatTable)).toThrow(expect.objectContaining({ code: 'VARIANT_NOT_TARGETED' }));
  });
});
