import type { ProjectConfig } from '../../../../../shared/project/schema';
import { DEFAULT_LAMBDA } from '../limits';
import type { LambdaArchitecture } from '../publish/manifest-check';
import type { WantedShape } from './shape';

/** The image engine's architecture names as Lambda spells them; anything else Lambda cannot run. */
const LAMBDA_ARCHITECTURE_OF: Record<string, LambdaArchitecture> = { amd64: 'x86_64', arm64: 'arm64' };

export const lambdaArchitectureOf = (engineArchitecture: string): LambdaArchitecture | null => LAMBDA_ARCHITECTURE_OF[engineArchitecture] ?? null;

/**
 * What the function should be after the publish: skylift.yaml `targets.aws-lambda` over the
 * target's defaults (the same merge the local session uses), the image's architecture, and the
 * chosen role. Ephemeral storage is managed only when skylift.yaml sets it.
 */
export function wantedShape(config: ProjectConfig, architecture: LambdaArchitecture | null, role: string | null): WantedShape {
  const settings = { ...DEFAULT_LAMBDA, ...config.targets['aws-lambda'] };
  return {
    architecture,
    memoryMb: settings.memoryMb,
    timeoutSeconds: settings.timeoutSeconds,
    ephemeralStorageMb: settings.ephemeralStorageMb ?? null,
    environment: { ...(settings.environment ?? {}) },
    role,
  };
}

/** A warning when skylift.yaml names an architecture the built image is not. */
export function architectureWarning(config: ProjectConfig, image: { architecture: LambdaArchitecture | null; engineArchitecture: string } | null): string | null {
  if (!image) return null;
  if (!image.architecture) return `The built image is for ${image.engineArchitecture}; Lambda runs x86_64 (amd64) and arm64 images only. Rebuild it: skylift build DIR --variant aws-lambda.`;
  const asked = config.targets['aws-lambda']?.architecture;
  if (asked && asked !== image.architecture) return `skylift.yaml asks for ${asked}, but the built image is ${image.architecture}; the function follows the image. Rebuild to change it: skylift build DIR --variant aws-lambda.`;
  return null;
}
