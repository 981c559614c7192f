import { SkyliftError } from '../../../../../shared/errors';
import type { CloudContext } from '../../cloud';
import type { LambdaDeploymentView } from './lambda-context';
import { awsErrorFacts, callAws } from './retry';

/**
 * How verify, rollback and destroy call AWS and tell the user what AWS refused: in a sentence with the service's
 * own error name, never a stack. (Errors callAws gives up on are already SkyliftErrors.)
 */

const NOT_FOUND = new Set(['ResourceNotFoundException', 'RepositoryNotFoundException', 'ImageNotFoundException']);

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(awsErrorFacts(error).name);
}

export function notPublished(view: LambdaDeploymentView, deploymentName: string): SkyliftError {
  return new SkyliftError({
    code: 'DEPLOYMENT_NOT_PUBLISHED',
    message: `${view.functionName}:${view.alias} does not exist in ${view.region}: deployment ${deploymentName} has not been published (or was destroyed).`,
    hint: `Publish it first: skylift deploy ${deploymentName}.`,
  });
}

/** An AWS error that is not retryable, as a SkyliftError naming the step; SkyliftErrors pass through. */
export function awsRefused(step: string, error: unknown): Error {
  if (error instanceof SkyliftError || (error as { name?: unknown })?.name === 'AbortError') return error as Error;
  const facts = awsErrorFacts(error);
  const denied = /AccessDenied|NotAuthorized|UnrecognizedClient|InvalidSignature|ExpiredToken/i.test(facts.name);
  return new SkyliftError({
    code: denied ? 'AWS_DENIED' : 'AWS_REFUSED',
    message: `${step}: AWS refused (${facts.name}${facts.status ? ` ${facts.status}` : ''}): ${facts.message}`,
    hint: denied
      ? "Check the deployment's profile (skylift profiles test): its identity needs the Lambda and ECR permissions for this step."
      : 'Read AWS\'s message above; once it is fixed, run the step again.',
  });
}

/** One AWS call of a step: retried by callAws; a refusal it names (not found, a precondition) mapped by `special`, any other one by awsRefused. */
export type StepCall = <T>(step: string, run: () => Promise<T>, special?: (error: unknown) => Error | null) => Promise<T>;

export function stepCaller(context: Pick<CloudContext, 'emit' | 'signal'>): StepCall {
  return (step, run, special) =>
    callAws(run, { step, emit: context.emit, signal: context.signal }).catch((error: unknown) => {
      // A cancel is told as the job runner's own reason, never as something AWS refused.
      if (context.signal.aborted) throw error;
      throw special?.(error) ?? awsRefused(step, error);
    });
}

/** Lambda's and ECR's list pages, followed to the end; a marker seen twice ends the walk rather than looping. */
export async function allPages<P, T>(fetchPage: (marker: string | undefined) => Promise<P>, items: (page: P) => readonly T[] | undefined, next: (page: P) => string | undefined): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    all.push(...(items(page) ?? []));
    marker = next(page);
    if (marker !== undefined && seen.has(marker)) break;
    if (marker !== undefined) seen.add(marker);
  } while (marker);
  return all;
}

export const awsErrorName = (error: unknown) => awsErrorFacts(error).name;
