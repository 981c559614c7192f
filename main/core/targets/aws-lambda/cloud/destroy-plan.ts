import { createHash } from 'node:crypto';
import type { PlanLine } from '../../../../../shared/contract/deploy';
import { SkyliftError } from '../../../../../shared/errors';
import type { StoredDeployment } from '../../../deployments/deployment-record';
import type { DestroyObservation } from './destroy-observe';
import { canonicalJson } from './fingerprint';
import { carriesSkyliftMark, describeMark } from './skylift-tags';

/** What destroy removes, decided once from an observation so the plan's lines and the deletions cannot disagree. */
export interface DestroyDecision {
  lines: PlanLine[];
  warnings: string[];
  changes: boolean;
  fingerprint: string;
  aliases: string[];
  deleteFunction: boolean;
  images: string[];
  repositoryName: string;
  deleteRepository: boolean;
  forgetRecords: boolean;
}

export interface DestroyFacts {
  observed: DestroyObservation;
  images: boolean;
  /** The project's name (skylift.yaml), as the function's skylift:project tag carries it. */
  project: string;
  deploymentName: string;
  /** The deployment's alias (skylift.yaml). */
  alias: string;
  /** This deployment's releases in the deployments store, newest first. */
  records: readonly StoredDeployment[];
  /** Digests other deployments of the project recorded: their images stay. */
  otherDigests: ReadonlySet<string>;
  /** Other deployments in skylift.yaml that publish to the same function (another alias): then only this deployment's alias goes. */
  sharedWith: readonly string[];
}

const SHOWN_VERSIONS = 10;

/** The observation's digest: destroy refuses when the cloud (or the store) changed since the plan. */
export function destroyFingerprint(facts: DestroyFacts): string {
  const { observed } = facts;
  const state = { observed, alias: facts.alias, images: facts.images, records: facts.records.map((r) => r.id), otherDigests: [...facts.otherDigests].sort(), sharedWith: [...facts.sharedWith].sort() };
  return `sha256:${createHash('sha256').update(canonicalJson(state)).digest('hex')}`;
}

/**
 * Skylift deletes only what it made: a function runs an image from the project's Skylift
 * repository, and either this machine's deployments store recorded publishing that very function
 * (its ARN) or the function carries Skylift's tags for this project and deployment (CreateFunction
 * sets them, so a function CI published can be destroyed from a laptop that shares skylift.yaml).
 * Anything else with the deployment's name is refused, never deleted.
 */
export function assertSkyliftMade(facts: DestroyFacts): void {
  const fn = facts.observed.fn;
  if (!fn) return;
  const name = facts.observed.functionName;
  if (fn.imageRepository !== facts.observed.repositoryName) {
    throw notSkylifts(`Function ${name} runs ${fn.imageUri ?? 'no container image'}, not an image from Skylift's repository ${facts.observed.repositoryName}`, name);
  }
  if (facts.records.some((r) => r.functionArn === fn.arn)) return;
  // A function another deployment of the project created and shares with this one carries that deployment's name.
  const deployments = [facts.deploymentName, ...facts.sharedWith];
  if (carriesSkyliftMark(fn.tags, facts.project, deployments)) return;
  const tags = fn.tagsError ? `its tags could not be read (${fn.tagsError})` : `it does not carry Skylift's ${describeMark(facts.project, deployments)}`;
  throw notSkylifts(`Skylift has no record of publishing ${fn.arn} as deployment ${facts.deploymentName} on this machine, and ${tags}`, name, fn.tagsError !== null);
}

function notSkylifts(why: string, name: string, tagsUnreadable = false): SkyliftError {
  return new SkyliftError({
    code: 'DESTROY_NOT_SKYLIFTS',
    message: `${why}, so Skylift will not delete it: it deletes only what it created.`,
    hint: tagsUnreadable
      ? `Allow lambda:ListTags for this profile so Skylift can read its tags, then plan the destroy again; or destroy from the machine that published ${name}.`
      : `If ${name} is yours to remove, delete it with the Lambda console or aws lambda delete-function; or destroy from the machine that published it.`,
  });
}

/** The plan's lines and what to delete. The execution role is kept: another function or deployment may use it. */
export function decideDestroy(facts: DestroyFacts): DestroyDecision {
  assertSkyliftMade(facts);
  if (facts.sharedWith.length && facts.observed.fn) return aliasOnly(facts);
  const { observed } = facts;
  const lines: PlanLine[] = [];
  const warnings: string[] = [];
  const fn = observed.fn;
  for (const alias of observed.aliases) lines.push({ action: 'delete', subject: `alias ${alias.name}`, before: `version ${alias.version}`, after: null });
  if (fn) {
    const versions = observed.versions.map((v) => v.version);
    const listed = versions.length > SHOWN_VERSIONS ? `${versions.slice(0, SHOWN_VERSIONS).join(', ')} and ${versions.length - SHOWN_VERSIONS} more` : versions.join(', ');
    lines.push({ action: 'delete', subject: `function ${observed.functionName}`, before: versions.length ? `${versions.length} published version${versions.length === 1 ? '' : 's'} (${listed})` : 'no published versions', after: null, detail: 'DeleteFunction removes the function with every version.' });
    if (fn.role) lines.push({ action: 'keep', subject: `role ${fn.role.split('/').pop()}`, before: null, after: null, detail: 'Roles are kept: another function or deployment may use it. Delete it in IAM when nothing does.' });
  } else if (facts.records.length) {
    warnings.push(`Function ${observed.functionName} no longer exists; destroy only forgets Skylift's record of deployment ${facts.deploymentName}.`);
  }
  if (facts.records.length) lines.push({ action: 'delete', subject: `Skylift's record of ${facts.deploymentName}`, before: `${facts.records.length} release${facts.records.length === 1 ? '' : 's'}`, after: null });
  const images = imageLines(facts, lines);
  return {
    lines,
    warnings,
    changes: lines.some((line) => line.action === 'delete'),
    fingerprint: destroyFingerprint(facts),
    aliases: observed.aliases.map((a) => a.name),
    deleteFunction: fn !== null,
    images: images.digests,
    repositoryName: observed.repositoryName,
    deleteRepository: images.deleteRepository,
    forgetRecords: facts.records.length > 0,
  };
}

/**
 * Images go only on request, and only those this deployment ran (its function's versions and its
 * recorded releases) that no other deployment recorded; the repository goes when nothing else is in it.
 */
function imageLines(facts: DestroyFacts, lines: PlanLine[]): { digests: string[]; deleteRepository: boolean } {
  const { observed } = facts;
  if (!facts.images) {
    if (observed.fn) lines.push({ action: 'keep', subject: `images in ${observed.repositoryName}`, before: null, after: null, detail: 'Images are kept unless asked for: destroy with images to delete the ones this deployment ran.' });
    return { digests: [], deleteRepository: false };
  }
  if (!observed.repository) return { digests: [], deleteRepository: false };
  const ours = new Set([observed.fn?.imageDigest, ...observed.versions.map((v) => v.imageDigest), ...facts.records.map((r) => r.imageDigest)].filter((d): d is string => !!d));
  const digests: string[] = [];
  let kept = 0;
  for (const image of observed.repository.images) {
    const tags = image.tags.length ? `tags ${image.tags.join(', ')}` : 'untagged';
    if (ours.has(image.digest) && !facts.otherDigests.has(image.digest)) {
      digests.push(image.digest);
      lines.push({ action: 'delete', subject: `image ${image.digest}`, before: tags, after: null });
    } else {
      kept += 1;
      const why = ours.has(image.digest) ? 'another deployment of this project runs it' : 'this deployment never ran it';
      lines.push({ action: 'keep', subject: `image ${image.digest}`, before: tags, after: null, detail: `Kept: ${why}.` });
    }
  }
  const deleteRepository = kept === 0;
  lines.push(
    deleteRepository
      ? { action: 'delete', subject: `repository ${observed.repositoryName}`, before: `${digests.length} image${digests.length === 1 ? '' : 's'}`, after: null, detail: 'Nothing else is in it.' }
      : { action: 'keep', subject: `repository ${observed.repositoryName}`, before: null, after: null, detail: `It still holds ${kept} image${kept === 1 ? '' : 's'} this destroy keeps.` },
  );
  return { digests, deleteRepository };
}

/** The function is shared with other deployments (their own aliases): only this deployment's alias and record go; the function and images stay. */
function aliasOnly(facts: DestroyFacts): DestroyDecision {
  const { observed } = facts;
  const mine = observed.aliases.filter((a) => a.name === facts.alias);
  const others = facts.sharedWith.join(', ');
  const lines: PlanLine[] = [
    ...mine.map((a): PlanLine => ({ action: 'delete', subject: `alias ${a.name}`, before: `version ${a.version}`, after: null })),
    { action: 'keep', subject: `function ${observed.functionName}`, before: null, after: null, detail: `Deployment${facts.sharedWith.length === 1 ? '' : 's'} ${others} publish${facts.sharedWith.length === 1 ? 'es' : ''} to it too.` },
    ...(facts.records.length ? [{ action: 'delete', subject: `Skylift's record of ${facts.deploymentName}`, before: `${facts.records.length} release${facts.records.length === 1 ? '' : 's'}`, after: null } satisfies PlanLine] : []),
  ];
  return {
    lines,
    warnings: facts.images ? [`Images are kept: ${others} may run them.`] : [],
    changes: lines.some((line) => line.action === 'delete'),
    fingerprint: destroyFingerprint(facts),
    aliases: mine.map((a) => a.name),
    deleteFunction: false,
    images: [],
    repositoryName: observed.repositoryName,
    deleteRepository: false,
    forgetRecords: facts.records.length > 0,
  };
}
