import { SkyliftError } from '../../../../../shared/errors';

/** A version as a number to order by; $LATEST (unpublished code) is newer than every published version. */
export function versionNumber(version: string): number {
  return version === '$LATEST' ? Number.POSITIVE_INFINITY : /^\d+$/.test(version) ? Number(version) : Number.NaN;
}

/**
 * The version a rollback goes to when none is named: the newest release Skylift recorded below the
 * one the alias serves (versions only grow, so "below" is "published before"), else the newest
 * published version below it that Lambda lists. Going back twice goes further back, never forward
 * again; a named version goes anywhere.
 */
export function previousVersion(current: string, recorded: readonly string[], listed: () => Promise<readonly string[]>): Promise<string | null> {
  const below = (versions: readonly string[]) => {
    const limit = versionNumber(current);
    let best: string | null = null;
    for (const version of versions) {
      const n = versionNumber(version);
      if (Number.isFinite(n) && n < limit && (best === null || n > Number(best))) best = version;
    }
    return best;
  };
  const fromRecords = below(recorded);
  return fromRecords === null ? listed().then(below) : Promise.resolve(fromRecords);
}

export function nothingToRollBackTo(functionName: string, alias: string, current: string): SkyliftError {
  return new SkyliftError({
    code: 'ROLLBACK_NOTHING_BEFORE',
    message: `There is nothing to roll back to: ${functionName}:${alias} serves version ${current} and the function has no published version before it.`,
    hint: 'Publish a new version to replace it (skylift deploy), or name a version with --to.',
  });
}

export function alreadyThere(functionName: string, alias: string, version: string): SkyliftError {
  return new SkyliftError({
    code: 'ROLLBACK_SAME_VERSION',
    message: `${functionName}:${alias} already serves version ${version}.`,
    hint: 'Name another version with --to, or leave the deployment as it is.',
  });
}
