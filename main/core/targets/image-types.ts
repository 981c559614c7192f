import type { Architecture, TargetName } from '../../../shared/project/schema';

/** A variant's image plan and a built image's facts: what build/ computes and each target module reads. */

export interface VariantPlan {
  variant: TargetName;
  baseImage: string;
  /** Where the base came from, shown next to it so a user knows what to change. */
  baseSource: 'build-option' | 'skylift.yaml' | 'compat-table' | 'ejected-dockerfile';
  gpu: boolean;
  architecture: Architecture;
  platform: 'linux/amd64' | 'linux/arm64';
  cuda: string | null;
  warnings: string[];
}

export interface PlanOptions {
  baseImage?: string;
  platform?: 'linux/amd64' | 'linux/arm64';
}

export interface ImageFacts {
  sizeBytes: number;
  /** Docker's names: amd64, arm64. */
  architecture: string;
  os: string;
}
