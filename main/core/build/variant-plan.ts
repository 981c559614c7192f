import { SkyliftError } from '../../../shared/errors';
import type { Architecture, ProjectConfig, TargetName } from '../../../shared/project/schema';
import type { PlanOptions, VariantPlan } from '../targets/image-types';
import { targetModule } from '../targets/registry';
import { fillPython, findGpuEntry, knownVersions, type CompatTable } from './compat';

export type { PlanOptions, VariantPlan } from '../targets/image-types';

const PLATFORM: Record<Architecture, VariantPlan['platform']> = { x86_64: 'linux/amd64', arm64: 'linux/arm64' };
const ARCH: Record<VariantPlan['platform'], Architecture> = { 'linux/amd64': 'x86_64', 'linux/arm64': 'arm64' };

/** Decides the base image, GPU use and platform of one variant from skylift.yaml and the compat table. */
export function planVariant(config: ProjectConfig, variant: TargetName, compat: CompatTable, options: PlanOptions = {}): VariantPlan {
  const overrides = config.targets[variant];
  if (!overrides) {
    throw new SkyliftError({
      code: 'VARIANT_NOT_TARGETED',
      message: `${config.name} has no "${variant}" target.`,
      hint: `Add "${variant}: {}" under targets in skylift.yaml, or build one of: ${Object.keys(config.targets).join(', ')}.`,
    });
  }
  const warnings: string[] = [];
  const gpu = wantsGpu(config, variant, warnings);
  const architecture = options.platform ? ARCH[options.platform] : (overrides.architecture ?? 'x86_64');
  const chosen = chooseBase(config, variant, gpu, compat, options, warnings);
  return { variant, gpu, architecture, platform: PLATFORM[architecture], warnings, ...chosen };
}

/** skylift.yaml's GPU choice for the variant, as the target allows it (a target without GPUs refuses or warns). */
function wantsGpu(config: ProjectConfig, variant: TargetName, warnings: string[]): boolean {
  const asked = config.targets[variant]?.gpu ?? config.gpu;
  return targetModule(variant).image.gpu(config, asked, warnings);
}

function chooseBase(config: ProjectConfig, variant: TargetName, gpu: boolean, compat: CompatTable, options: PlanOptions, warnings: string[]) {
  const fromYaml = config.targets[variant]?.baseImage;
  const gpuEntry = gpu ? findGpuEntry(compat, config.framework.name, config.framework.version) : undefined;
  const cuda = gpuEntry?.cuda ?? null;
  if (options.baseImage) return { baseImage: options.baseImage, baseSource: 'build-option' as const, cuda };
  if (fromYaml) return { baseImage: fromYaml, baseSource: 'skylift.yaml' as const, cuda };
  const targetBase = targetModule(variant).image.defaultBase?.(config, gpu, compat, warnings);
  if (targetBase) return { ...targetBase, baseSource: 'compat-table' as const };
  if (!gpu) return { baseImage: fillPython(compat.cpuImage, config.python), baseSource: 'compat-table' as const, cuda: null };
  if (!gpuEntry) {
    const known = knownVersions(compat, config.framework.name);
    throw new SkyliftError({
      code: 'NO_GPU_BASE',
      message: `Skylift's table has no GPU base image for ${config.framework.name} ${config.framework.version}.`,
      hint: `Use a version the table knows (${known.join(', ') || 'none'}), or set targets.${variant}.baseImage in skylift.yaml.`,
    });
  }
  if (gpuEntry.python && gpuEntry.python !== config.python) {
    warnings.push(`The ${gpuEntry.gpuImage} base ships Python ${gpuEntry.python}; skylift.yaml says ${config.python}. The base's Python is used.`);
  }
  return { baseImage: gpuEntry.gpuImage, baseSource: 'compat-table' as const, cuda };
}
