/**
 * Skylift's mark on what it creates in AWS, so any machine that shares skylift.yaml (a laptop, CI)
 * can tell Skylift's resources from others without its own deployments store. Keys and values fit
 * the models' TagKey/TagValue (1–128 and 0–256 of letters, digits, spaces and _ . : / = + - @;
 * no aws: prefix); project and deployment names are narrower than that by their own schemas.
 */
export const SKYLIFT_TAG = {
  managedBy: 'skylift:managed-by',
  project: 'skylift:project',
  deployment: 'skylift:deployment',
} as const;
export const SKYLIFT_MANAGED_BY = 'skylift';

/** The tags of a per-project resource (the execution role, the ECR repository). */
export function projectTags(project: string): Record<string, string> {
  return { [SKYLIFT_TAG.managedBy]: SKYLIFT_MANAGED_BY, [SKYLIFT_TAG.project]: project };
}

/** The tags of a function: which project and which deployment published it first. */
export function functionTags(project: string, deployment: string): Record<string, string> {
  return { ...projectTags(project), [SKYLIFT_TAG.deployment]: deployment };
}

/** IAM and ECR take tags as a list of Key/Value pairs. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The mark destroy looks for, in words, for a refusal that says what was missing. */
export function describeMark(project: string, deployments: readonly string[]): string {
  const names = deployments.length === 1 ? deployments[0] : `one of ${deployments.join(', ')}`;
  return `tags ${SKYLIFT_TAG.managedBy}=${SKYLIFT_MANAGED_BY}, ${SKYLIFT_TAG.project}=${project} and ${SKYLIFT_TAG.deployment}=${names}`;
}

/** True when the tags say Skylift made this function for this project and one of these deployments. */
export function carriesSkyliftMark(tags: Readonly<Record<string, string>> | null, project: string, deployments: readonly string[]): boolean {
  if (!tags) return false;
  return tags[SKYLIFT_TAG.managedBy] === SKYLIFT_MANAGED_BY && tags[SKYLIFT_TAG.project] === project && deployments.includes(tags[SKYLIFT_TAG.deployment] ?? '');
}
