import { roleArnOf } from './observe-role';
import { codeShaOfDigest, type FunctionShape, type Observed, type WantedShape } from './shape';

/** The configuration fields UpdateFunctionConfiguration changes (architecture goes with the code). */
export const CONFIG_FIELDS = ['memoryMb', 'timeoutSeconds', 'ephemeralStorageMb', 'environment', 'role'] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** What a publish will do, decided from what was observed and what is wanted; plan shows it, apply does it. */
export interface Intent {
  createRepository: boolean;
  createRole: boolean;
  /** The role the function will run with; null when none is given yet (apply refuses). */
  roleArn: string | null;
  push: boolean;
  fn: 'create' | 'update' | 'keep';
  /** UpdateFunctionCode: the image or the architecture differs. */
  codeUpdate: boolean;
  configChanges: ConfigField[];
  /** A published version that already is what is wanted (the alias goes there); null: publish one. */
  reuseVersion: string | null;
  /** The number the next version is expected to get (Lambda never reuses numbers, so it may be higher). */
  nextVersion: string;
  alias: 'create' | 'move' | 'keep';
  changes: boolean;
}

const sameEnvironment = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
};

/** Whether one field of an observed shape already is what is wanted (a null wanted field is not managed). */
export function fieldMatches(field: ConfigField | 'architecture', shape: FunctionShape, wanted: WantedShape): boolean {
  if (field === 'environment') return sameEnvironment(shape.environment, wanted.environment);
  const want = wanted[field];
  return want === null || shape[field] === want;
}

const shapeMatches = (shape: FunctionShape, wanted: WantedShape) => fieldMatches('architecture', shape, wanted) && CONFIG_FIELDS.every((field) => fieldMatches(field, shape, wanted));

export function decide(observed: Observed, wanted: WantedShape): Intent {
  const { fn, image, alias, versions } = observed;
  const pushedSha = image?.pushedDigest ? codeShaOfDigest(image.pushedDigest) : null;
  const sameCode = (codeSha256: string) => pushedSha !== null && codeSha256 === pushedSha;
  const codeUpdate = fn !== null && (!sameCode(fn.codeSha256) || !fieldMatches('architecture', fn.shape, wanted));
  const configChanges = fn ? CONFIG_FIELDS.filter((field) => !fieldMatches(field, fn.shape, wanted)) : [];
  const fnAction = !fn ? 'create' : codeUpdate || configChanges.length > 0 ? 'update' : 'keep';
  const isWanted = (version: string) => {
    const v = versions.find((candidate) => candidate.version === version);
    return v !== undefined && sameCode(v.codeSha256) && shapeMatches(v.shape, wanted);
  };
  const last = versions.at(-1)?.version ?? null;
  const reuseVersion = fnAction !== 'keep' ? null : alias && isWanted(alias.version) ? alias.version : last && isWanted(last) ? last : null;
  const aliasAction = !alias ? 'create' : reuseVersion !== null && alias.version === reuseVersion ? 'keep' : 'move';
  const createRepository = observed.repository.uri === null;
  const createRole = observed.role.kind === 'create' && !observed.role.exists;
  const push = !image?.pushedDigest;
  return {
    createRepository,
    createRole,
    roleArn: roleArnOf(observed.role),
    push,
    fn: fnAction,
    codeUpdate,
    configChanges,
    reuseVersion,
    nextVersion: String(Number(last ?? 0) + 1),
    alias: aliasAction,
    changes: createRepository || createRole || push || fnAction !== 'keep' || reuseVersion === null || aliasAction !== 'keep',
  };
}
