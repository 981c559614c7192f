import type { LambdaArchitecture } from '../publish/manifest-check';

/**
 * What a function is, in the fields a publish manages: observed on $LATEST and on each version,
 * and wanted from skylift.yaml. Null in a wanted field means "not managed: leave Lambda's value".
 */
export interface FunctionShape {
  architecture: string | null;
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number | null;
  environment: Record<string, string>;
  role: string | null;
}

export interface WantedShape extends FunctionShape {
  architecture: LambdaArchitecture | null;
}

/** The role a publish will give the function, and where it came from. */
export type RolePlan =
  | { kind: 'given'; arn: string; source: 'deployment' | 'request'; exists: boolean | null }
  | { kind: 'create'; name: string; arn: string; exists: boolean }
  | { kind: 'current'; arn: string }
  | { kind: 'needed'; name: string };

export interface ObservedImage {
  id: string;
  tag: string;
  /** Lambda's name for the image's architecture, or null when Lambda cannot run it. */
  architecture: LambdaArchitecture | null;
  engineArchitecture: string;
  layers: number;
  bytes: number;
  /** The manifest digest the repository already holds for this very image, or null. */
  pushedDigest: string | null;
}

export interface ObservedFunction {
  arn: string;
  /** Image or Zip: Lambda never changes a function's package type. */
  packageType: string;
  revisionId: string;
  codeSha256: string;
  imageUri: string | null;
  state: string;
  lastUpdateStatus: string;
  shape: FunctionShape;
}

export interface ObservedVersion {
  version: string;
  codeSha256: string;
  shape: FunctionShape;
}

/** Everything a plan and its apply depend on, read from the cloud and the engine. */
export interface Observed {
  account: string;
  repository: { name: string; uri: string | null };
  image: ObservedImage | null;
  fn: ObservedFunction | null;
  alias: { version: string; revisionId: string } | null;
  /** Published versions, oldest first ($LATEST left out). */
  versions: ObservedVersion[];
  role: RolePlan;
}

/** A function configuration as Lambda answers it, in the shape's fields. */
export function shapeOf(config: {
  Architectures?: string[];
  MemorySize?: number;
  Timeout?: number;
  EphemeralStorage?: { Size?: number };
  Environment?: { Variables?: Record<string, string> };
  Role?: string;
}): FunctionShape {
  return {
    architecture: config.Architectures?.[0] ?? 'x86_64',
    memoryMb: config.MemorySize ?? 128,
    timeoutSeconds: config.Timeout ?? 3,
    ephemeralStorageMb: config.EphemeralStorage?.Size ?? null,
    environment: { ...(config.Environment?.Variables ?? {}) },
    role: config.Role ?? null,
  };
}

/** The hex Lambda reports as an image function's CodeSha256: the manifest digest's. */
export const codeShaOfDigest = (digest: string): string => digest.replace(/^sha256:/, '');
