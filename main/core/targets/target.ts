import type Dockerode from 'dockerode';
import type { TargetPreflight } from '../../../shared/contract/build';
import type { ProjectConfig } from '../../../shared/project/schema';
import type { TargetInfo, TargetName } from '../../../shared/targets';
import type { CompatTable } from '../build/compat';
import type { CONTEXT } from '../build/context-layout';
import type { ImageFacts, VariantPlan } from './image-types';
import type { VariantContainerSpec } from '../run/container';
import type { VariantSession } from '../run/variant-session';
import type { CloudOperations } from './cloud';
import type { LambdaCostBreakdown } from '../../../shared/cloud/lambda-cost';
import type { BenchSampleData } from '../../../shared/contract/runs';

/**
 * One target behind one shape: how its image is planned and checked, how it runs locally, and,
 * for a cloud target Skylift can publish to, its cloud operations. The registry (registry.ts)
 * lists them; code outside main/core/targets/ asks the module instead of comparing names.
 */
export interface TargetModule<N extends TargetName = TargetName> {
  readonly info: TargetInfo & { name: N };
  readonly image: ImagePlanning;
  /** The checks of a built image against what the target accepts (the OS check is common). */
  preflight(image: ImageFacts, wanted: WantedImage): TargetPreflight['checks'];
  readonly session: LocalSession;
  /** Publishing to the target's cloud; absent until Skylift can do it for real. */
  readonly cloud?: CloudOperations;
  /** Cost per 1M inferences of a local run, where the target bills by the duration its samples report; absent: not priced. */
  runCost?(samples: readonly BenchSampleData[], config: ProjectConfig): LambdaCostBreakdown | null;
}

export interface WantedImage {
  /** The plan's architecture (x86_64, arm64). */
  architecture: string;
  /** Docker's name for the engine's own architecture. */
  engineArchitecture: string;
}

export interface BaseChoice {
  baseImage: string;
  cuda: string | null;
}

export interface ImagePlanning {
  /** Whether the image uses a GPU, given what skylift.yaml asks; a target without GPUs refuses or warns here. */
  gpu(config: ProjectConfig, asked: boolean, warnings: string[]): boolean;
  /** The target's own base image when neither the build options nor skylift.yaml name one; undefined: the compat table's CPU/GPU choice. */
  defaultBase?(config: ProjectConfig, gpu: boolean, compat: CompatTable, warnings: string[]): BaseChoice;
  /** Whether the image runs on this host's GPU, so its CUDA is checked against the host driver. */
  readonly runsOnHostGpu: boolean;
  /** What the generated Dockerfile adds for this target. */
  dockerfile(plan: VariantPlan, context: typeof CONTEXT): DockerfilePieces;
  /** Extra files the build context carries for this target (under the runtime resources folder). */
  contextExtras?(runtimeDir: string): { azureDir?: string };
}

export interface DockerfilePieces {
  /** COPY lines after the runtime's. */
  copy: string[];
  /** ENV lines after Skylift's own. */
  env: string[];
  /** Whether the image's ENTRYPOINT is Skylift's adapter (false: the base image starts its own host). */
  adapterEntrypoint: boolean;
}

export interface SessionOpenRequest {
  docker: Dockerode;
  config: ProjectConfig;
  /** The container every target starts from; the target adds its protocol, limits and environment. */
  spec: VariantContainerSpec;
  measureMemory: boolean;
  startupTimeoutMs: number;
  onLog: (line: string, stream: 'stdout' | 'stderr' | 'info') => void;
}

export interface LocalSession {
  /** Whether the container publishes an HTTP port (false: the target's protocol calls out, as Lambda's runtime API does). */
  readonly publishesHttp: boolean;
  /** Starts nothing yet: builds the session that runs the variant under the target's protocol and limits. */
  open(request: SessionOpenRequest): Promise<VariantSession>;
}
