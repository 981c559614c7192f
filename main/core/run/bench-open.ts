import { lambdaEnvironmentPlan } from '../../../shared/bench/environments';
import type { BenchEnvironments, BenchRequest, BenchRun } from '../../../shared/contract/runs';
import { invokesLikeLambda } from '../../../shared/targets';
import { cloudContextFor, type CloudContextDeps } from '../deployments/cloud-context';
import type { EngineService } from '../engine/engine-service';
import type { RunStore } from '../runs/run-store';
import type { JobContext } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import { readImageDigest } from '../runs/image-digest';
import type { BenchBackend } from './bench-backend';
import { cloudBenchBackend } from './bench-cloud';
import { localBenchBackend } from './bench-local';
import type { ContainerExit } from './container-exit';
import { findBuiltImage } from './session-factory';
import type { VariantSession } from './variant-session';

/** What a bench job needs: the engine and the runs store, and for a deployment's bench what resolves it (profiles, deployments). */
export interface BenchJobDeps extends CloudContextDeps {
  engine: EngineService;
  runs: RunStore;
  /** The Settings cap on Lambda environments, read when the bench starts. */
  maxLambdaEnvironments: () => number;
  /** Starts one fresh environment of the bench's variant (RunService's own session start). */
  openSession: (job: JobContext) => Promise<VariantSession>;
}

/** The environments a bench of this variant starts: null for HTTP variants (one container takes every request). */
export function benchEnvironments(request: BenchRequest, cap: number): BenchEnvironments | null {
  return invokesLikeLambda(request.variant) ? lambdaEnvironmentPlan(request.load, cap) : null;
}

/** The run as it starts, before any sample: where its requests go, and the image they run. */
export type NewRun = Pick<BenchRun, 'variant' | 'target' | 'imageId' | 'imageTag' | 'imageDigest' | 'environments'>;

/** A local variant's bench: the built image and the environments its target starts on this engine. */
export async function openLocal(deps: BenchJobDeps, request: BenchRequest, onExit: (exit: ContainerExit) => void): Promise<{ run: NewRun; backend: BenchBackend }> {
  const source = requireProject(request.dir);
  const { docker } = deps.engine.connect();
  const image = await findBuiltImage(docker, source.config, request.variant, request.dir);
  const environments = benchEnvironments(request, deps.maxLambdaEnvironments());
  const run: NewRun = {
    variant: request.variant,
    target: { kind: 'local', variant: request.variant },
    imageId: image.imageId,
    imageTag: image.tag,
    imageDigest: await readImageDigest(docker, image.imageId),
    environments,
  };
  return { run, backend: localBenchBackend({ config: source.config, variant: request.variant, environments, openSession: deps.openSession, onExit }) };
}

/** A deployment's bench: its live version, the image it runs by digest, no local container. */
export async function openCloud(deps: BenchJobDeps, request: BenchRequest, job: JobContext): Promise<{ run: NewRun; backend: BenchBackend }> {
  job.step(1, `Opening deployment ${request.deployment}`, 3);
  const { context, cloud } = await cloudContextFor(deps, request.dir, request.deployment!, job);
  const handle = await cloud.bench(context, { coldStarts: request.coldStarts });
  if (handle.target.kind === 'cloud') job.log(`benching version ${handle.target.version} of ${handle.target.functionArn}${handle.imageRef ? ` (${handle.imageRef})` : ''}`, 'info');
  const run: NewRun = { variant: handle.variant, target: handle.target, imageId: handle.imageId, imageTag: handle.imageRef, imageDigest: handle.imageDigest, environments: null };
  return { run, backend: cloudBenchBackend(handle) };
}

