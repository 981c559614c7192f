import type { LambdaReportParse } from '../../../../../shared/cloud/lambda-report';
import type { VerifyResult } from '../../../../../shared/contract/deploy';
import type { StoredDeployment } from '../../../deployments/deployment-record';

type VerifyCheck = VerifyResult['checks'][number];

const bytes = (body: string) => `${Buffer.byteLength(body).toLocaleString('en-US')} bytes`;

/** Lambda's error answer ({"errorType","errorMessage"}) in a line, read defensively: the body is the function's. */
function errorSummary(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorType?: unknown; errorMessage?: unknown };
    const type = typeof parsed?.errorType === 'string' ? parsed.errorType : null;
    const message = typeof parsed?.errorMessage === 'string' ? parsed.errorMessage.slice(0, 300) : null;
    if (type || message) return [type, message].filter(Boolean).join(': ');
  } catch {
    // Not Lambda's error shape: show the start of the body instead.
  }
  return JSON.stringify(body.slice(0, 200));
}

/** The function answered (Invoke's X-Amz-Function-Error absent), or how it failed. */
export function answeredCheck(functionError: string | undefined, body: string, version: string): VerifyCheck {
  const name = 'The function answered';
  if (functionError) return { name, status: 'fail', detail: `Version ${version} failed (${functionError}): ${errorSummary(body)}.` };
  return { name, status: 'pass', detail: `Version ${version} answered ${bytes(body)} without a function error.` };
}

/**
 * The platform's REPORT for the invocation. Missing is a warning, not a failure: the function's
 * answer is what verify judges; without a REPORT only the numbers (billed time, memory) are unknown.
 */
export function reportCheck(parse: LambdaReportParse): VerifyCheck {
  const name = 'Lambda reported the invocation';
  const report = parse.report;
  if (!report) return { name, status: 'warn', detail: `${parse.problem ?? 'No REPORT line in the log tail.'} Billed time and memory are unknown for this invocation.` };
  const memory = report.maxMemoryUsedMb === null ? `memory ${report.memorySizeMb} MB` : `max memory ${report.maxMemoryUsedMb} of ${report.memorySizeMb} MB`;
  const start = report.initDurationMs === null ? 'no Init Duration (a warm environment)' : `Init Duration ${report.initDurationMs.toFixed(2)} ms (a cold start)`;
  return { name, status: 'pass', detail: `Duration ${report.durationMs.toFixed(2)} ms, billed ${report.billedDurationMs} ms, ${memory}, ${start} (${parse.format} log format).` };
}

/**
 * The version that answered against the release the deployments store says is live. A difference
 * is a warning: the store is this machine's, and CI or a teammate may have published since.
 */
export function liveVersionCheck(answered: string, live: StoredDeployment | null, deploymentName: string): VerifyCheck {
  const name = 'The alias serves the live release';
  if (!live) return { name, status: 'warn', detail: `Skylift has no record of publishing ${deploymentName} from this machine; version ${answered} answered.` };
  if (live.version === answered) return { name, status: 'pass', detail: `Version ${answered} answered, the release Skylift made live on ${live.deployedAt}.` };
  return {
    name,
    status: 'warn',
    detail: `Version ${answered} answered, but Skylift made version ${live.version} live on ${live.deployedAt}: the alias was moved elsewhere (another machine, CI or the console).`,
  };
}

/** The REPORT numbers a verify result keeps (the run schema's platform report). */
export function platformReportOf(parse: LambdaReportParse): VerifyResult['report'] {
  const report = parse.report;
  return report ? { initDurationMs: report.initDurationMs, billedDurationMs: report.billedDurationMs, maxMemoryUsedMb: report.maxMemoryUsedMb } : null;
}
