import fs from 'node:fs';
import path from 'node:path';
import type { OpenedProject } from '../../../shared/contract/build';
import { TARGETS, type TargetName } from '../../../shared/project/schema';
import { toAppError } from '../errors';
import { readEjectedDockerfile, type ProjectSource } from '../project/project-files';
import { checkDriver, compatTable } from './compat';
import { generateDockerfile } from './dockerfile';
import { planVariant, type PlanOptions, type VariantPlan } from './variant-plan';

export interface VariantDockerfile {
  plan: VariantPlan;
  dockerfile: string;
  ejected: boolean;
}

/** The Dockerfile a variant builds from: the user's ejected copy if there is one, else generated. */
export function dockerfileFor(source: ProjectSource & { config: NonNullable<ProjectSource['config']> }, variant: TargetName, skyliftVersion: string, options: PlanOptions = {}): VariantDockerfile {
  const plan = planVariant(source.config, variant, compatTable, options);
  const ejected = readEjectedDockerfile(source.dir, variant);
  if (ejected) {
    // The user's file decides the base now; report its FROM, not the table's choice.
    const from = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/im.exec(ejected)?.[1];
    return { plan: from ? { ...plan, baseImage: from, baseSource: 'ejected-dockerfile' } : plan, dockerfile: ejected, ejected: true };
  }
  const hasWeights = source.config.weights.some((w) => fs.existsSync(path.join(source.dir, w)));
  const dockerfile = generateDockerfile({ config: source.config, plan, hasRequirements: Boolean(source.config.requirements), hasWeights, skyliftVersion });
  return { plan, dockerfile, ejected: false };
}

/** Every target's Dockerfile (or why there is none), for the project view; hostDriver feeds the GPU check. */
export function describeVariants(source: ProjectSource, skyliftVersion: string, hostDriver: string | null): OpenedProject['variants'] {
  if (!source.config) return [];
  const config = source.config;
  return TARGETS.filter((t) => config.targets[t]).map((variant) => {
    try {
      const { plan, dockerfile, ejected } = dockerfileFor({ ...source, config }, variant, skyliftVersion);
      const driver = variant === 'local' && plan.gpu && plan.cuda ? checkDriver(compatTable, plan.cuda, hostDriver) : undefined;
      if (driver && driver.status !== 'ok') plan.warnings.push(driver.message);
      return { variant, plan, dockerfile, ejected, error: null };
    } catch (error) {
      return { variant, plan: null, dockerfile: null, ejected: false, error: toAppError(error).message };
    }
  });
}
