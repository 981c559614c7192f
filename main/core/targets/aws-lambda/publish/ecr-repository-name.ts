import { SkyliftError } from '../../../../../shared/errors';
import { PublishErrorCode } from './publish-errors';

/**
 * ECR's RepositoryName shape (ecr-service-2.json): 2–256 characters; path components of lowercase
 * alphanumerics joined by ".", "_", "__" or dashes, separated by "/". Anchored here: the model's
 * pattern is matched whole by the service.
 */
export const ECR_REPOSITORY_NAME_PATTERN = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
export const ECR_REPOSITORY_NAME_MIN = 2;
export const ECR_REPOSITORY_NAME_MAX = 256;
const RULE = `${ECR_REPOSITORY_NAME_MIN}–${ECR_REPOSITORY_NAME_MAX} lowercase letters and digits, joined by ".", "_", "__" or "-", in "/"-separated parts (e.g. iris-classifier or team/iris)`;

/** Why a name is not a valid ECR repository name, or null when it is. */
export function ecrRepositoryNameProblem(name: string): string | null {
  if (name.length < ECR_REPOSITORY_NAME_MIN) return `"${name}" is shorter than ${ECR_REPOSITORY_NAME_MIN} characters`;
  if (name.length > ECR_REPOSITORY_NAME_MAX) return `it is longer than ${ECR_REPOSITORY_NAME_MAX} characters`;
  if (!ECR_REPOSITORY_NAME_PATTERN.test(name)) return `"${name}" is not ${RULE}`;
  return null;
}

/** A name the user gave (a deployment's repository): checked, never changed behind their back. */
export function validateEcrRepositoryName(name: string): string {
  const problem = ecrRepositoryNameProblem(name);
  if (problem) throw invalidName(`The ECR repository name is not valid: ${problem}.`, `Use ${RULE}.`, name);
  return name;
}

/**
 * The repository Skylift derives from a project name: lowercased, runs of other characters turned
 * into one dash, separators trimmed from each part's ends. A name that is still not valid (too
 * short, nothing left) is refused with a way out rather than guessed at.
 */
export function ecrRepositoryNameFor(projectName: string): string {
  const fixed = projectName
    .toLowerCase()
    .split('/')
    .map((part) => part.replace(/[^a-z0-9._-]+/g, '-').replace(/[._-]{2,}/g, (run) => (run === '__' ? run : '-')).replace(/^[._-]+|[._-]+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  const problem = ecrRepositoryNameProblem(fixed);
  if (problem) {
    throw invalidName(
      `No ECR repository name can be made from the project name "${projectName}": ${problem}.`,
      `Rename the project (name: in skylift.yaml) or give the deployment a repository: ${RULE}.`,
      projectName,
    );
  }
  return fixed;
}

function invalidName(message: string, hint: string, name: string): SkyliftError {
  return new SkyliftError({ code: PublishErrorCode.RepositoryNameInvalid, message, hint, details: { name } });
}
