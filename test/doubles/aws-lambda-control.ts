import {
  assertIdle,
  codeShaOf,
  describe,
  LambdaFault,
  lastModified,
  newRevision,
  resolveQualifier,
  splitFunctionName,
  tagsOf,
  versionFingerprint,
  type Alias,
  type Clocked,
  type FunctionConfig,
  type LambdaFunction,
} from './aws-lambda-functions';

/** What the registry says an ImageUri points at; null when there is no such image. */
export interface ImageManifest {
  mediaType: string;
  /** sha256:… of the manifest. */
  digest: string;
  size?: number;
}

export type ResolveImage = (imageUri: string) => Promise<ImageManifest | null>;

/** Lambda runs single-platform images only: an index (multi-platform, attestations) is refused. */
const ACCEPTED_MANIFESTS = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'];

export interface ControlOptions extends Clocked {
  region: string;
  account: string;
  resolveImage: ResolveImage;
  /** True while IAM has not yet propagated the role to Lambda. */
  roleUnassumable(roleArn: string): boolean;
}

type Input = Record<string, unknown>;

/** Lambda's control-plane operations over the functions the double holds. */
export class LambdaControlPlane {
  readonly functions = new Map<string, LambdaFunction>();

  constructor(private readonly options: ControlOptions) {}

  async CreateFunction(input: Input) {
    const name = splitFunctionName(String(input.FunctionName)).name;
    if (this.functions.has(name)) throw new LambdaFault('ResourceConflictException', `Function already exist: ${name}`);
    if ((input.PackageType ?? 'Zip') !== 'Image') throw new LambdaFault('InvalidParameterValueException', "The Lambda double runs container images only: set PackageType to 'Image'.");
    const imageUri = (input.Code as Input).ImageUri;
    if (typeof imageUri !== 'string') throw new LambdaFault('InvalidParameterValueException', 'Please provide ImageUri when PackageType is Image.');
    if (this.options.roleUnassumable(String(input.Role))) throw new LambdaFault('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
    const tags = tagsOf(input.Tags);
    const image = await this.imageFor(imageUri);
    const now = this.options.now();
    const config: FunctionConfig = {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${this.options.region}:${this.options.account}:function:${name}`,
      Role: String(input.Role),
      Description: String(input.Description ?? ''),
      MemorySize: Number(input.MemorySize ?? 128),
      Timeout: Number(input.Timeout ?? 3),
      EphemeralStorage: { Size: Number((input.EphemeralStorage as Input | undefined)?.Size ?? 512) },
      ...(input.Environment ? { Environment: environmentOf(input.Environment) } : {}),
      Architectures: (input.Architectures as string[] | undefined) ?? ['x86_64'],
      PackageType: 'Image',
      ...image,
      Version: '$LATEST',
      LastModified: lastModified(now),
      RevisionId: newRevision(),
    };
    const fn: LambdaFunction = { latest: { config, activeAt: now + this.options.stateDelayMs, updatedAt: now + this.options.stateDelayMs }, versions: new Map(), aliases: new Map(), nextVersion: 1, tags };
    this.functions.set(name, fn);
    if (input.Publish === true) this.publish(fn, '');
    return describe(fn.latest, this.options);
  }

  GetFunction(input: Input) {
    const { fn, qualifier } = this.find(input);
    const timed = resolveQualifier(fn, qualifier);
    const tags = Object.keys(fn.tags).length ? { Tags: { ...fn.tags } } : {};
    return { Configuration: describe(timed, this.options), Code: { RepositoryType: 'ECR', ImageUri: timed.config.ImageUri, ResolvedImageUri: timed.config.ResolvedImageUri }, ...tags };
  }

  GetFunctionConfiguration(input: Input) {
    const { fn, qualifier } = this.find(input);
    return describe(resolveQualifier(fn, qualifier), this.options);
  }

  async UpdateFunctionCode(input: Input) {
    const { fn } = this.find(input);
    assertIdle(fn, this.options);
    this.checkRevision(fn.latest.config.RevisionId, input.RevisionId);
    if (typeof input.ImageUri !== 'string') throw new LambdaFault('InvalidParameterValueException', 'Please provide ImageUri when updating a function with packageType Image.');
    const image = await this.imageFor(input.ImageUri);
    this.changeLatest(fn, { ...image, ...(input.Architectures ? { Architectures: input.Architectures as string[] } : {}) });
    if (input.Publish === true) this.publish(fn, '');
    return describe(fn.latest, this.options);
  }

  UpdateFunctionConfiguration(input: Input) {
    const { fn } = this.find(input);
    assertIdle(fn, this.options);
    this.checkRevision(fn.latest.config.RevisionId, input.RevisionId);
    const change: Partial<FunctionConfig> = {};
    if (input.Role !== undefined) {
      if (this.options.roleUnassumable(String(input.Role))) throw new LambdaFault('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
      change.Role = String(input.Role);
    }
    if (input.Description !== undefined) change.Description = String(input.Description);
    if (input.MemorySize !== undefined) change.MemorySize = Number(input.MemorySize);
    if (input.Timeout !== undefined) change.Timeout = Number(input.Timeout);
    if (input.EphemeralStorage !== undefined) change.EphemeralStorage = { Size: Number((input.EphemeralStorage as Input).Size) };
    if (input.Environment !== undefined) change.Environment = environmentOf(input.Environment);
    this.changeLatest(fn, change);
    return describe(fn.latest, this.options);
  }

  PublishVersion(input: Input) {
    const { fn } = this.find(input);
    assertIdle(fn, this.options);
    this.checkRevision(fn.latest.config.RevisionId, input.RevisionId);
    const sha = fn.latest.config.CodeSha256;
    if (input.CodeSha256 !== undefined && input.CodeSha256 !== sha) {
      throw new LambdaFault('InvalidParameterValueException', `CodeSHA256 (${String(input.CodeSha256)}) is different from current CodeSHA256 in $LATEST (${sha}). Please try again with the CodeSHA256 in $LATEST.`);
    }
    return describe(this.publish(fn, String(input.Description ?? '')), this.options);
  }

  CreateAlias(input: Input) {
    const { fn } = this.find(input);
    const name = String(input.Name);
    if (fn.aliases.has(name)) throw new LambdaFault('ResourceConflictException', `Alias already exists: ${fn.latest.config.FunctionArn}:${name}`);
    this.requireVersion(fn, String(input.FunctionVersion));
    const alias: Alias = { AliasArn: `${fn.latest.config.FunctionArn}:${name}`, Name: name, FunctionVersion: String(input.FunctionVersion), Description: String(input.Description ?? ''), RevisionId: newRevision() };
    fn.aliases.set(name, alias);
    return alias;
  }

  UpdateAlias(input: Input) {
    const { fn } = this.find(input);
    const alias = this.aliasOf(fn, String(input.Name));
    this.checkRevision(alias.RevisionId, input.RevisionId);
    if (input.FunctionVersion !== undefined) this.requireVersion(fn, String(input.FunctionVersion));
    const next: Alias = { ...alias, FunctionVersion: String(input.FunctionVersion ?? alias.FunctionVersion), Description: String(input.Description ?? alias.Description), RevisionId: newRevision() };
    fn.aliases.set(alias.Name, next);
    return next;
  }

  GetAlias(input: Input) {
    return this.aliasOf(this.find(input).fn, String(input.Name));
  }

  ListAliases(input: Input) {
    const all = [...this.find(input).fn.aliases.values()].filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion);
    const page = paginate(all, input);
    return { Aliases: page.items, ...(page.next ? { NextMarker: page.next } : {}) };
  }

  ListVersionsByFunction(input: Input) {
    const { fn } = this.find(input);
    const all = [fn.latest, ...fn.versions.values()].map((timed) => describe(timed, this.options));
    const page = paginate(all, input);
    return { Versions: page.items, ...(page.next ? { NextMarker: page.next } : {}) };
  }

  DeleteFunction(input: Input) {
    const { fn, qualifier } = this.find(input, input.Qualifier);
    if (qualifier === undefined) return void this.functions.delete(fn.latest.config.FunctionName);
    if (qualifier === '$LATEST') throw new LambdaFault('InvalidParameterValueException', '$LATEST version cannot be deleted without deleting the function.');
    const alias = [...fn.aliases.values()].find((a) => a.FunctionVersion === qualifier);
    if (alias) throw new LambdaFault('ResourceConflictException', `Unable to delete version because the following aliases reference it: [${alias.Name}]`);
    if (!fn.versions.delete(qualifier)) throw new LambdaFault('ResourceNotFoundException', `Function not found: ${fn.latest.config.FunctionArn}:${qualifier}`);
  }

  DeleteAlias(input: Input) {
    const { fn } = this.find(input);
    fn.aliases.delete(String(input.Name));
  }

  /** A version's configuration with its states as of now. */
  configurationOf(timed: LambdaFunction['latest']): Record<string, unknown> {
    return describe(timed, this.options);
  }

  /** The function and the qualifier a request names, in its FunctionName or its Qualifier member. */
  find(input: Input, qualifierMember: unknown = input.Qualifier): { fn: LambdaFunction; qualifier?: string } {
    const { name, qualifier } = splitFunctionName(String(input.FunctionName));
    const fn = this.functions.get(name);
    if (!fn) throw new LambdaFault('ResourceNotFoundException', `Function not found: arn:aws:lambda:${this.options.region}:${this.options.account}:function:${name}`);
    const chosen = qualifier ?? (qualifierMember === undefined ? undefined : String(qualifierMember));
    return chosen === undefined ? { fn } : { fn, qualifier: chosen };
  }

  private changeLatest(fn: LambdaFunction, change: Partial<FunctionConfig>): void {
    const now = this.options.now();
    fn.latest = { config: { ...fn.latest.config, ...change, LastModified: lastModified(now), RevisionId: newRevision() }, activeAt: fn.latest.activeAt, updatedAt: now + this.options.updateDelayMs };
  }

  private publish(fn: LambdaFunction, description: string): LambdaFunction['latest'] {
    // Lambda makes no new version when $LATEST has not changed since the last one.
    const last = [...fn.versions.values()].at(-1);
    if (last && versionFingerprint(last.config) === versionFingerprint(fn.latest.config)) return last;
    const version = String(fn.nextVersion++);
    const now = this.options.now();
    const config = { ...fn.latest.config, Version: version, FunctionArn: `${fn.latest.config.FunctionArn}:${version}`, Description: description || fn.latest.config.Description, RevisionId: newRevision() };
    const timed = { config, activeAt: Math.max(now + this.options.stateDelayMs, fn.latest.activeAt), updatedAt: now };
    fn.versions.set(version, timed);
    return timed;
  }

  private async imageFor(imageUri: string): Promise<Pick<FunctionConfig, 'ImageUri' | 'ResolvedImageUri' | 'CodeSha256' | 'CodeSize'>> {
    const manifest = await this.options.resolveImage(imageUri);
    if (!manifest) throw new LambdaFault('InvalidParameterValueException', `Source image ${imageUri} does not exist. Provide a valid source image.`);
    if (!ACCEPTED_MANIFESTS.includes(manifest.mediaType)) {
      throw new LambdaFault('InvalidParameterValueException', `The image manifest, config or layer media type for the source image ${imageUri} is not supported.`);
    }
    const repository = imageUri.split('@')[0].replace(/:[^/:]+$/, '');
    return { ImageUri: imageUri, ResolvedImageUri: `${repository}@${manifest.digest}`, CodeSha256: codeShaOf(manifest.digest), CodeSize: 0 };
  }

  private requireVersion(fn: LambdaFunction, version: string): void {
    if (version !== '$LATEST' && !fn.versions.has(version)) throw new LambdaFault('ResourceNotFoundException', `Function not found: ${fn.latest.config.FunctionArn}:${version}`);
  }

  private aliasOf(fn: LambdaFunction, name: string): Alias {
    const alias = fn.aliases.get(name);
    if (!alias) throw new LambdaFault('ResourceNotFoundException', `Alias not found: ${fn.latest.config.FunctionArn}:${name}`);
    return alias;
  }

  private checkRevision(current: string, given: unknown): void {
    if (given !== undefined && given !== current) throw new LambdaFault('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  }
}

/** Lambda caps a function's variables at 4 KB, measured as their JSON. */
const ENVIRONMENT_LIMIT_BYTES = 4096;

function environmentOf(environment: unknown): { Variables: Record<string, string> } {
  const variables = { ...(((environment as Input).Variables as Record<string, string> | undefined) ?? {}) };
  if (Buffer.byteLength(JSON.stringify(variables)) > ENVIRONMENT_LIMIT_BYTES) {
    // Lambda's message goes on with "String measured: {…}"; the double leaves the values out of its answer.
    throw new LambdaFault('InvalidParameterValueException', 'Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.');
  }
  return { Variables: variables };
}

function paginate<T>(all: T[], input: Input): { items: T[]; next?: string } {
  const start = input.Marker === undefined ? 0 : Number(input.Marker) || 0;
  const size = Number(input.MaxItems ?? 50);
  const items = all.slice(start, start + size);
  return start + size < all.length ? { items, next: String(start + size) } : { items };
}
