import { randomUUID } from 'node:crypto';
import type { VerifyResult } from '../../../shared/contract/deploy';
import type { BenchRun, BenchSampleData } from '../../../shared/contract/runs';
import type { CloudContext } from '../targets/cloud';
import { summaryFromSamples } from '../runs/run-summary';
import type { RunStore } from '../runs/run-store';
import type { StoredDeployment } from './deployment-record';

export interface VerifyRunFacts {
  jobId: string;
  context: CloudContext;
  payloadName: string;
  result: VerifyResult;
  /** Time from the verify call to its answer, measured around the cloud operation (one Invoke, its log tail read). */
  latencyMs: number;
  /** The release live when verify ran: its digest is what the cloud ran. */
  release: StoredDeployment | null;
}

/**
 * A verify as a stored run (run kind verify): one sample with the platform's REPORT numbers, the
 * deployment and version it reached, and the live release's digest so it joins local runs of the
 * same bytes. A failed verification is stored as a failed run saying which checks failed.
 */
export function storeVerifyRun(runs: RunStore, facts: VerifyRunFacts): string {
  const { context, result } = facts;
  const report = result.report;
  const sample: BenchSampleData = {
    seq: 0,
    tMs: 0,
    latencyMs: facts.latencyMs,
    ok: result.ok,
    status: result.ok ? 'pass' : 'fail',
    cold: report?.initDurationMs != null,
    serverDurationMs: null,
    initDurationMs: report?.initDurationMs ?? null,
    billedDurationMs: report?.billedDurationMs ?? null,
    maxMemoryUsedMb: report?.maxMemoryUsedMb ?? null,
  };
  const failed = result.checks.filter((c) => c.status === 'fail');
  const run: BenchRun = {
    id: randomUUID(),
    jobId: facts.jobId,
    project: context.config.name,
    projectDir: context.projectDir,
    variant: context.deployment.target,
    target: { kind: 'cloud', deployment: context.deploymentName, target: context.deployment.target, functionArn: result.functionArn, version: result.version },
    runKind: 'verify',
    imageId: context.localImage?.id ?? null,
    imageTag: context.localImage?.tag ?? null,
    imageDigest: facts.release ? { digest: facts.release.imageDigest, source: 'repo-digest' } : null,
    settings: {
      dir: context.projectDir,
      variant: context.deployment.target,
      load: { mode: 'closed', requests: 1, concurrency: 1 },
      warmup: 0,
      coldStarts: 0,
      payloads: facts.payloadName ? [facts.payloadName] : [],
      deployment: context.deploymentName,
    },
    summary: summaryFromSamples([sample], { partial: false }),
    state: result.ok ? 'complete' : 'failed',
    createdAt: new Date().toISOString(),
    environments: null,
    failure: result.ok ? null : { code: 'VERIFY_FAILED', message: failed.map((c) => `${c.name}: ${c.detail}`).join('; ') || 'Verification failed.' },
    wire: null,
    cost: null,
  };
  runs.insert(run);
  runs.addSamples(run.id, [sample]);
  return run.id;
}
