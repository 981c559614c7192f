import { performance } from 'node:perf_hooks';
import type { Job, JobResultValue } from '../../../shared/contract';
import type { DeployPlan, DeploymentSummary, DestroyPlan, RoleChoice, VerifyResult } from '../../../shared/contract/deploy';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { requireProject } from '../project/project-files';
import type { PayloadStore } from '../runs/payloads';
import type { RunStore } from '../runs/run-store';
import type { Invocation } from '../run/variant-session';
import type { TargetName } from '../../../shared/targets';
import type { CloudContext, CloudOperations } from '../targets/cloud';
import { PLAN_DEADLINE_MS, withinDeadline } from './call-deadline';
import { cloudContextFor, type CloudContextDeps } from './cloud-context';
import { deploymentNamed } from './deployment-named';
import { listDeployments, showDeployment } from './deployment-summary';
import { resolveVerifyPayload } from './verify-payload';
import { storeVerifyRun } from './verify-run';

export interface DeployServiceDeps extends CloudContextDeps {
  jobs: JobRunner;
  runs: RunStore;
  payloads: PayloadStore;
  /** One request to the local variant, inside the verify job (RunService.invokeOnce). */
  invokeLocal: (input: { dir: string; variant: TargetName; payload: Buffer }, job: JobContext) => Promise<Invocation>;
  /** Unit tests shorten the plan deadline and stand in for the cloud; core uses the defaults. */
  planDeadlineMs?: number;
  contextFor?: typeof cloudContextFor;
}

interface Target {
  dir: string;
  deployment: string;
}

/**
 * Publishing as core offers it: plans are calls with a deadline, changes are jobs whose events
 * are the cloud operations' steps, progress and retries. What each step does is the target's
 * (main/core/targets/<name>/cloud); this service resolves the deployment and records what ran.
 */
export class DeployService {
  private readonly contextFor: typeof cloudContextFor;

  constructor(private readonly deps: DeployServiceDeps) {
    this.contextFor = deps.contextFor ?? cloudContextFor;
  }

  plan(request: Target & { role?: RoleChoice }): Promise<DeployPlan> {
    return this.observe(request, `Planning ${request.deployment}`, (cloud, context) => cloud.plan(context, { role: request.role }));
  }

  apply(request: Target & { role?: RoleChoice; fingerprint: string }): Job {
    return this.job(request, 'deploy', 'Publish', (cloud, context) => cloud.apply(context, { role: request.role, fingerprint: request.fingerprint }));
  }

  rollback(request: Target & { toVersion?: string }): Job {
    return this.job(request, 'rollback', 'Roll back', async (cloud, context) => ({ deployment: request.deployment, ...(await cloud.rollback(context, { toVersion: request.toVersion })) }));
  }

  destroyPlan(request: Target & { images: boolean }): Promise<DestroyPlan> {
    return this.observe(request, `Planning the destroy of ${request.deployment}`, (cloud, context) => cloud.destroyPlan(context, { images: request.images }));
  }

  destroy(request: Target & { images: boolean; fingerprint: string }): Job {
    return this.job(request, 'destroy', 'Destroy', async (cloud, context) => ({ deployment: request.deployment, ...(await cloud.destroy(context, { images: request.images, fingerprint: request.fingerprint })) }));
  }

  /** Invokes the live alias with a payload, compares with the local variant's answer, stores a verify run. */
  verify(request: Target & { payload?: string; rollbackOnFailure: boolean }): Job {
    const payload = resolveVerifyPayload(this.deps.payloads, request.dir, request.payload); // no payload: refuse before a job exists
    return this.job(request, 'verify', 'Verify', async (cloud, context, job) => {
      const localAnswer = await this.localAnswer(context, payload.body, job);
      const started = performance.now();
      const result: VerifyResult = await cloud.verify(context, { payload: payload.body.toString('utf8'), localAnswer, rollbackOnFailure: request.rollbackOnFailure });
      const latencyMs = performance.now() - started;
      const release = context.store.history(context.projectDir, request.deployment).find((r) => r.version === result.version) ?? null;
      const runId = storeVerifyRun(this.deps.runs, { jobId: job.jobId, context, payloadName: payload.name, result, latencyMs, release });
      return { ...result, runId };
    });
  }

  list(request: { dir: string }): DeploymentSummary[] {
    return listDeployments(this.deps.deployments, request.dir);
  }

  show(request: { dir: string; name: string }): DeploymentSummary {
    return showDeployment(this.deps.deployments, request.dir, request.name);
  }

  /** The local variant's answer to the same payload; null (said in the log) when it cannot be had, so only the cloud's own health is checked. */
  private async localAnswer(context: CloudContext, payload: Buffer, job: JobContext): Promise<{ ok: boolean; body: string } | null> {
    job.log(`Asking the local ${context.deployment.target} variant for its answer to compare with`, 'info');
    try {
      const answer = await this.deps.invokeLocal({ dir: context.projectDir, variant: context.deployment.target, payload }, job);
      return { ok: answer.ok, body: answer.body.toString('utf8') };
    } catch (error) {
      if (job.signal.aborted) throw error;
      job.log(`No local answer to compare with: ${error instanceof Error ? error.message : String(error)}`, 'info');
      return null;
    }
  }

  private observe<T>(request: Target, what: string, work: (cloud: CloudOperations, context: CloudContext) => Promise<T>): Promise<T> {
    return withinDeadline(what, this.deps.planDeadlineMs ?? PLAN_DEADLINE_MS, async (signal) => {
      const { cloud, context } = await this.contextFor(this.deps, request.dir, request.deployment, null);
      return work(cloud, { ...context, signal });
    });
  }

  private job<K extends 'deploy' | 'verify' | 'rollback' | 'destroy'>(
    request: Target,
    kind: K,
    verb: string,
    work: (cloud: CloudOperations, context: CloudContext, job: JobContext) => Promise<JobResultValue<K>>,
  ): Job {
    const source = requireProject(request.dir);
    deploymentNamed(source.config, request.deployment); // an unknown name is refused before a job exists
    const title = kind === 'deploy' ? `Publish ${source.config.name} to ${request.deployment}` : `${verb} ${request.deployment} (${source.config.name})`;
    return this.deps.jobs.start({ kind, title }, async (job) => {
      const { cloud, context } = await this.contextFor(this.deps, request.dir, request.deployment, job);
      return work(cloud, context, job);
    });
  }
}
