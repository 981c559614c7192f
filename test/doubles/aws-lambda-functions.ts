import { createHash, randomUUID } from 'node:crypto';

/**
 * What the Lambda double holds: functions with their $LATEST configuration, published versions
 * and aliases, and the timed states Lambda moves them through (State Pending → Active after
 * create, LastUpdateStatus InProgress → Successful after each update). States are computed from
 * the clock when read, so nothing runs in the background.
 */
export interface FunctionConfig {
  FunctionName: string;
  FunctionArn: string;
  Role: string;
  Description: string;
  MemorySize: number;
  Timeout: number;
  EphemeralStorage: { Size: number };
  Environment?: { Variables: Record<string, string> };
  Architectures: string[];
  PackageType: 'Image';
  ImageUri: string;
  /** The digest form Lambda pins: repository@sha256:…. */
  ResolvedImageUri: string;
  CodeSha256: string;
  CodeSize: number;
  Version: string;
  LastModified: string;
  RevisionId: string;
}

interface Timed {
  config: FunctionConfig;
  /** Epoch ms when State becomes Active. */
  activeAt: number;
  /** Epoch ms when LastUpdateStatus becomes Successful. */
  updatedAt: number;
}

export interface Alias {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RevisionId: string;
}

export interface LambdaFunction {
  latest: Timed;
  versions: Map<string, Timed>;
  aliases: Map<string, Alias>;
  nextVersion: number;
  /** The function's tags (Lambda tags the function, never its versions or aliases). */
  tags: Record<string, string>;
}

/** An answer Lambda gives instead of a result. */
export class LambdaFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Clocked {
  now(): number;
  stateDelayMs: number;
  updateDelayMs: number;
}

/** The configuration as GetFunctionConfiguration answers it, with the states as of now. */
export function describe(timed: Timed, clock: Clocked): Record<string, unknown> {
  const now = clock.now();
  const active = now >= timed.activeAt;
  const updated = now >= timed.updatedAt;
  const { ImageUri: _image, ResolvedImageUri: _resolved, ...config } = timed.config;
  return {
    ...config,
    State: active ? 'Active' : 'Pending',
    ...(active ? {} : { StateReason: 'The function is being created.', StateReasonCode: 'Creating' }),
    LastUpdateStatus: updated ? 'Successful' : 'InProgress',
    ...(updated ? {} : { LastUpdateStatusReason: 'The function is being updated.', LastUpdateStatusReasonCode: 'EniConfiguring' }),
    TracingConfig: { Mode: 'PassThrough' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${config.FunctionName}` },
  };
}

/** Lambda refuses a change while the function is still being created or updated. */
export function assertIdle(fn: LambdaFunction, clock: Clocked): void {
  const now = clock.now();
  if (now < fn.latest.activeAt) throw new LambdaFault('ResourceConflictException', 'The operation cannot be performed at this time. The function is currently in the following state: Pending');
  if (now < fn.latest.updatedAt) {
    throw new LambdaFault('ResourceConflictException', `The operation cannot be performed at this time. An update is in progress for resource: ${fn.latest.config.FunctionArn}`);
  }
}

/** `name`, `name:qualifier`, a full or partial ARN, each with an optional qualifier. */
export function splitFunctionName(value: string): { name: string; qualifier?: string } {
  const parts = value.split(':');
  const at = parts.indexOf('function');
  const rest = at >= 0 ? parts.slice(at + 1) : parts;
  return rest.length > 1 ? { name: rest[0], qualifier: rest[1] } : { name: rest[0] };
}

/** Lambda's per-function tag limit. */
const MAX_TAGS = 50;

/** The model checks each key and value; Lambda also keeps the aws: prefix for itself and caps the count. */
export function tagsOf(input: unknown): Record<string, string> {
  const tags = { ...((input as Record<string, string> | undefined) ?? {}) };
  const reserved = Object.keys(tags).find((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved) throw new LambdaFault('InvalidParameterValueException', `Tag key ${reserved} is not valid: the aws: prefix is reserved for AWS use.`);
  if (Object.keys(tags).length > MAX_TAGS) throw new LambdaFault('InvalidParameterValueException', `A function can have at most ${MAX_TAGS} tags.`);
  return tags;
}

export function lastModified(nowMs: number): string {
  return new Date(nowMs).toISOString().replace('Z', '+0000');
}

export function newRevision(): string {
  return randomUUID();
}

/** Lambda reports an image function's CodeSha256 as the manifest digest's hex. */
export function codeShaOf(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : createHash('sha256').update(digest).digest('hex');
}

/** The fields a published version freezes; PublishVersion makes no new version when they are unchanged. */
export function versionFingerprint(config: FunctionConfig): string {
  const { Version: _v, LastModified: _m, RevisionId: _r, FunctionArn: _a, Description: _d, ...frozen } = config;
  return JSON.stringify(frozen);
}

/** The version a qualifier names: $LATEST, a number, or an alias. */
export function resolveQualifier(fn: LambdaFunction, qualifier: string | undefined): Timed {
  if (qualifier === undefined || qualifier === '$LATEST') return fn.latest;
  const aliased = fn.aliases.get(qualifier)?.FunctionVersion ?? qualifier;
  if (aliased === '$LATEST') return fn.latest;
  const version = fn.versions.get(aliased);
  if (!version) throw new LambdaFault('ResourceNotFoundException', `Function not found: ${fn.latest.config.FunctionArn}:${qualifier}`);
  return version;
}
