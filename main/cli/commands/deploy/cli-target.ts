import fs from 'node:fs';
import path from 'node:path';
import { SkyliftError } from '../../../../shared/errors';
import type { DeploymentSummary } from '../../../../shared/contract/deploy';
import { toProjectDir } from '../../project-arg';

/** The project and deployment a command names: `[DIR] [DEPLOYMENT]`, as other commands take the folder first. */
export interface NamedTarget {
  dir: string;
  /** Absent: the project's only deployment. */
  deployment?: string;
}

const isDirectory = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Reads `[DIR] [DEPLOYMENT]`. Two words are folder then deployment; one word is the folder when a
 * folder of that name exists, else a deployment of the project in the current folder (so
 * `skylift deploy prod` works from inside the project, as the issue's `deploy [DEPLOYMENT]` reads).
 */
export function readTarget(first: string | undefined, second: string | undefined, isDir: (p: string) => boolean = isDirectory): NamedTarget {
  if (first === undefined) return { dir: '.' };
  if (second !== undefined) return { dir: toProjectDir(first), deployment: second };
  if (toProjectDir(first) !== first) return { dir: toProjectDir(first) };
  return isDir(first) ? { dir: first } : { dir: '.', deployment: first };
}

/** The deployment to act on: the one named, else the project's only one; none or several name the way out. */
export function chooseDeployment(target: NamedTarget, deployments: readonly Pick<DeploymentSummary, 'name' | 'dir'>[]): string {
  if (target.deployment !== undefined) return target.deployment;
  if (deployments.length === 1) return deployments[0]!.name;
  const where = path.resolve(target.dir);
  if (deployments.length === 0) {
    throw new SkyliftError({
      code: 'DEPLOYMENT_UNKNOWN',
      message: `${where}/skylift.yaml has no deployments yet.`,
      hint: 'Add one under deployments: in skylift.yaml, e.g.\n  deployments:\n    prod: { target: aws-lambda, profile: default, region: us-east-1 }',
    });
  }
  throw new SkyliftError({
    code: 'BAD_INPUT',
    message: `${where}/skylift.yaml has ${deployments.length} deployments; say which: ${deployments.map((d) => d.name).join(', ')}.`,
    hint: `For example: skylift <command> ${target.dir} ${deployments[0]!.name}`,
  });
}
