import { describe, expect, it } from 'vitest';
import { projectConfigSchema } from '../../../shared/project/schema';
import { compatTable } from './compat';
import { generateDockerfile, stageDockerfiles } from './dockerfile';
import { planVariant } from './variant-plan';

const config = projectConfigSchema.parse({
  name: 'iris',
  python: '3.11',
  framework: { name: 'none' },
  requirements: 'requirements.txt',
  systemPackages: ['python3-numpy', 'libgomp1'],
  model: 'model:Classifier',
  weights: ['weights/'],
  targets: { local: {}, 'aws-lambda': {}, 'azure-functions': {} },
});

const dockerfile = (variant: 'local' | 'aws-lambda' | 'azure-functions', extra: Partial<Parameters<typeof generateDockerfile>[0]> = {}) =>
  generateDockerfile({ config, plan: planVariant(config, variant, compatTable), hasRequirements: true, hasWeights: true, skyliftVersion: '1.2.3', ...extra });

const indexOf = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return at;
};

describe('generateDockerfile', () => {
  it('builds on the planned base and installs system packages, then a venv over system site-packages', () => {
    const text = dockerfile('local');
    expect(text).toContain('FROM python:3.11-slim-bookworm\n');
    expect(text).toContain('apt-get install -y --no-install-recommends libgomp1 python3-numpy');
    expect(text).toContain('python3 -m venv --system-site-packages /opt/skylift/venv');
    expect(indexOf(text, 'python3-numpy')).toBeLessThan(indexOf(text, 'pip install'));
  });

  it('puts the weights layer before the code layer, and both after the packages', () => {
    const text = dockerfile('local');
    expect(indexOf(text, 'pip install')).toBeLessThan(indexOf(text, 'COPY weights/ /app/'));
    expect(indexOf(text, 'COPY weights/ /app/')).toBeLessThan(indexOf(text, 'COPY app/ /app/'));
  });

  it('leaves out steps the project does not need', () => {
    const text = generateDockerfile({ config: { ...config, systemPackages: [] }, plan: planVariant(config, 'local', compatTable), hasRequirements: false, hasWeights: false, skyliftVersion: '1' });
    expect(text).not.toContain('pip install');
    expect(text).not.toContain('COPY weights/');
    expect(text.match(/apt-get/g)).toHaveLength(2); // only the python3-venv fallback
  });

  it('runs the adapter directly for local and Lambda, and adds the Functions files for Azure', () => {
    expect(dockerfile('aws-lambda')).toContain('ENTRYPOINT ["/opt/skylift/venv/bin/python", "-m", "skylift_runtime"]');
    const azure = dockerfile('azure-functions');
    expect(azure).toContain('FROM mcr.microsoft.com/azure-functions/python:4-python3.11');
    expect(azure).toContain('COPY skylift/azure/ /home/site/wwwroot/');
    expect(azure).not.toContain('ENTRYPOINT'); // the Functions host starts the adapter from host.json
    const azureOnPlainBase = generateDockerfile({ config, plan: { ...planVariant(config, 'azure-functions', compatTable), baseImage: 'debian-python:test' }, hasRequirements: true, hasWeights: true, skyliftVersion: '1' });
    expect(azureOnPlainBase).toContain('ENTRYPOINT');
  });

  it('tells the adapter which model to load', () => {
    expect(dockerfile('local')).toContain('SKYLIFT_MODEL=model:Classifier');
  });

  it('splits into deps and code stages made of the single file\'s own lines, the weights COPY left to Skylift', () => {
    const input = { config, plan: planVariant(config, 'aws-lambda', compatTable), hasRequirements: true, hasWeights: true, skyliftVersion: '1.2.3' };
    const whole = generateDockerfile(input).split('\n');
    const { deps, code } = stageDockerfiles(input);
    const codeText = code('skylift-weights:abc');
    // The kind right after FROM: a stopped code build's leftover must not pass for the weights image it stands on.
    expect(codeText.startsWith('FROM skylift-weights:abc\nLABEL dev.skylift.kind="variant"\n')).toBe(true);
    const body = [...deps.split('\n').slice(0, -1), ...codeText.split('\n').slice(2)];
    expect(whole.filter((line) => !line.startsWith('#') && !line.startsWith('COPY weights/'))).toEqual(body.filter((line) => !line.startsWith('#')));
    expect(whole.join('\n')).toContain('Skylift builds this layer itself, reproducibly');
    expect(deps).not.toContain('iris'); // nothing project-specific: two projects with the same packages share the deps image
    expect(deps).not.toContain('COPY app/');
    expect(codeText).not.toContain('pip install');
  });

  it('puts the image labels in one LABEL just before the code, literal ($ escaped, quotes kept), so only the code COPY reruns on a code change', () => {
    const { code } = stageDockerfiles({ config, plan: planVariant(config, 'local', compatTable), hasRequirements: true, hasWeights: true, skyliftVersion: '1' });
    const lines = code('w', { 'dev.skylift.project-dir': '/home/a "b"/$HOME', 'dev.skylift.kind': 'variant' }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('COPY app/ /app/');
    expect(lines.at(-2)).toBe('LABEL dev.skylift.kind="variant" dev.skylift.project-dir="/home/a \\"b\\"/\\$HOME"');
    expect(lines.findIndex((l) => l.startsWith('ENTRYPOINT'))).toBeLessThan(lines.length - 2);
  });
});

