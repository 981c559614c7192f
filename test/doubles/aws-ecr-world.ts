/** The ECR double's state and the pieces its operation handlers share. */
import type { RegistryDouble } from './registry';

export interface EcrRepositoryRecord {
  name: string;
  arn: string;
  registryId: string;
  uri: string;
  createdAt: Date;
  imageTagMutability: string;
  scanOnPush: boolean;
  encryptionType: string;
}

export interface EcrWorld {
  registry: RegistryDouble;
  region: string;
  account: string;
  repositories: Map<string, EcrRepositoryRecord>;
  now: () => number;
}

export type EcrHandler = (input: Record<string, unknown>, world: EcrWorld) => Promise<Record<string, unknown>>;

/** An ECR error the handlers throw; its code is the model's exception shape name. */
export class EcrError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function requireRepository(world: EcrWorld, name: string): EcrRepositoryRecord {
  const record = world.repositories.get(name);
  if (!record) throw new EcrError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${world.account}'`);
  return record;
}

/** ECR's nextToken is opaque; here it is the offset of the next item, and a token from elsewhere is refused. */
export function paginate<T>(items: readonly T[], input: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const max = typeof input.maxResults === 'number' ? input.maxResults : 100;
  let start = 0;
  if (input.nextToken !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(String(input.nextToken), 'base64').toString('utf8'));
    if (!match) throw new EcrError('InvalidParameterException', 'Invalid parameter at nextToken: the token is not one this service issued.');
    start = Number(match[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : undefined };
}
