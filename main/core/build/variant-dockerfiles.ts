import fs from 'node:fs';
import path from 'node:path';
import type { OpenedProject } from '../../../shared/contract/build';
import { TARGETS, type TargetName } from '../../../shared/project/schema';
import { SkyliftError } from '../../../shared/errors';
import { toAppError } from '../errors';
import { targetModule } from '../targets/registry';
import { readEjectedDockerfile, type ProjectSource } from '../project/project-files';
import { checkDriver, compatTable } from './compat';
import { generateDockerfile, stageDockerfiles, type StageDockerfiles } from './dockerfile';
import { planVariant, type PlanOptions, type VariantPlan } from './variant-plan';

export interface VariantDockerfile {
  plan: VariantPlan;
  dockerfile: string;
  ejected: boolean;
  /** The deps and code Dockerfiles a generated variant builds from; null for an ejected one (built whole, weights in its context). */
  stages: StageDockerfiles | null;
}

/** The Dockerfile a variant builds from: the user's ejected copy if there is one, else generated. */
export function dockerfileFor(source: ProjectSource & { config: NonNullable<ProjectSource['config']> }, variant: TargetName, skyliftVersion: string, options: PlanOptions = {}): VariantDockerfile {
  const plan = planVariant(source.config, variant, compatTable, options);
  const ejected = readEjectedDockerfile(source.dir, variant);
  if (ejected) {
    // The user's file decides the base now; report its FROM, not the table's choice.
    const froms = [...ejected.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map((match) => match[1]);
    refuseIgnoredBase(variant, froms, options.baseImage, source.config.targets[variant]?.baseImage);
    const from = froms[0];
    return { plan: from ? { ...plan, baseImage: from, baseSource: 'ejected-dockerfile' } : plan, dockerfile: ejected, ejected: true, stages: null };
  }
  const hasWeights = source.config.weights.some((w) => fs.existsSync(path.join(source.dir, w)));
  const input = { config: source.config, plan, hasRequirements: Boolean(source.config.requirements), hasWeights, skyliftVersion };
  return { plan, dockerfile: generateDockerfile(input), ejected: false, stages: stageDockerfiles(input) };
}

/**
 * A base image asked for next to an ejected Dockerfile would be silently ignored: the file's FROM
 * decides. Asking for the base it already has is fine; asking for another is refused, saying where.
 */
function refuseIgnoredBase(variant: TargetName, froms: string[], option: string | undefined, fromYaml: string | undefined): void {
  const file = `.skylift/Dockerfile.${variant}`;
  const has = froms.length > 0 ? `whose FROM is ${froms[0]}` : 'which has no FROM line';
  if (option && !froms.includes(option)) {
    throw new SkyliftError({
      code: 'EJECTED_DOCKERFILE_DECIDES',
      message: `The base image ${option} (--base-image, or the Build form's "Base image" field) would be ignored: ${variant} builds from your ejected Dockerfile ${file}, ${has}. Your ejected Dockerfile's FROM decides the base.`,
      hint: `Edit the FROM line in ${file}, or delete ${file} to go back to the generated Dockerfile; then build without --base-image.`,
    });
  }
  if (fromYaml && !froms.includes(fromYaml)) {
    throw new SkyliftError({
      code: 'EJECTED_DOCKERFILE_DECIDES',
      message: `skylift.yaml sets targets.${variant}.baseImage: ${fromYaml}, but ${variant} builds from your ejected Dockerfile ${file}, ${has}; the baseImage would be ignored. Your ejected Dockerfile's FROM decides the base.`,
      hint: `Edit the FROM line in ${file} and remove targets.${variant}.baseImage from skylift.yaml, or delete ${file} to go back to the generated Dockerfile.`,
    });
  }
}

/** Every target's Dockerfile (or why there is none), for the project view; hostDriver feeds the GPU check. */
export function describeVariants(source: ProjectSource, skyliftVersion: string, hostDriver: string | null): OpenedProject['variants'] {
  if (!source.config) return [];
  const config = source.config;
  return TARGETS.filter((t) => config.targets[t]).map((variant) => {
    try {
      const { plan, dockerfile, ejected } = dockerfileFor({ ...source, config }, variant, skyliftVersion);
      const driver = targetModule(variant).image.runsOnHostGpu && plan.gpu && plan.cuda ? checkDriver(compatTable, plan.cuda, hostDriver) : undefined;
      if (driver && driver.status !== 'ok') plan.warnings.push(driver.message);
      return { variant, plan, dockerfile, ejected, error: null };
    } catch (error) {
      return { variant, plan: null, dockerfile: null, ejected: false, error: toAppError(error).message };
    }
  });
}
