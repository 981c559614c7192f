import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiFault, ApiFaultQueue } from './aws-api-faults';
import { type AwsTestKey, checkSigV4, type SigV4Refusal } from './aws-auth';
import { imageOperations } from './aws-ecr-images';
import { errorAnswer, loadServiceModel, parseRequest, readWireRequest, sendWireAnswer, successAnswer, validationMessage, type WireAnswer, WireError } from './aws-model';
import type { RegistryDouble } from './registry';
import { EcrError, type EcrHandler, type EcrRepositoryRecord, type EcrWorld, paginate, requireRepository } from './aws-ecr-world';

/**
 * A loopback double of Amazon ECR's API (awsJson1_1, `X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Op>`), reached by the real @aws-sdk/client-ecr and the
 * AWS CLI through an endpoint override. Every request is SigV4-checked and validated against
 * the published model (ecr-service-2.json); answers carry the model's output shapes. Images
 * live in a real docker-registry: the token it hands out unlocks that registry, and image
 * questions are answered from what was really pushed there.
 *
 * Registry host: Docker cannot reach `<account>.dkr.ecr.<region>.amazonaws.com`, so the double
 * reports the loopback registry (`127.0.0.1:PORT`) as the host in repositoryUri and
 * proxyEndpoint (`http://127.0.0.1:PORT`). A client must take the registry host from those
 * answers, never build it from the account and region.
 */
export interface EcrDouble {
  url: string;
  registry: RegistryDouble;
  region: string;
  /** Every request, accepted or refused, for assertions. */
  requests: Array<{ operation: string | null; status: number; code?: string }>;
  /** Fault injection: the next `count` requests (to `operation`, or any) answer this error. */
  failNext(fault: ApiFault, count?: number, operation?: string): void;
  close(): Promise<void>;
}

const model = loadServiceModel('ecr');
/** ECR tokens are valid for 12 hours. */
const TOKEN_LIFETIME_MS = 12 * 3600_000;

export async function startEcrDouble(options: { registry: RegistryDouble; keys: readonly AwsTestKey[]; region?: string; now?: () => number }): Promise<EcrDouble> {
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const requests: EcrDouble['requests'] = [];
  const faults = new ApiFaultQueue();
  const world: EcrWorld = { registry: options.registry, region, account: options.keys[0]?.account ?? '123456789012', repositories: new Map(), now };
  // As ECR, the registry takes pushes only to repositories CreateRepository made.
  options.registry.setRepositoryCheck((name) =>
    world.repositories.has(name) ? { known: true } : { known: false, message: `The repository with name '${name}' does not exist in the registry with id '${world.account}'` },
  );
  const server = http.createServer((req, res) => {
    void answer(req, { keys: options.keys, world, faults })
      // A bug in the double answers 500 rather than leaving the client waiting.
      .catch((err: Error) => ({ operation: null, wire: errorAnswer(model, 'ServerException', err.message, { status: 500 }), code: 'ServerException' }))
      .then(({ operation, wire, code }) => {
        requests.push({ operation, status: wire.status, ...(code ? { code } : {}) });
        sendWireAnswer(res, wire);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    registry: options.registry,
    region,
    requests,
    failNext: (fault, count, operation) => faults.add(fault, count, operation),
    close: () => new Promise((resolve) => {
      options.registry.setRepositoryCheck(null);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface Context {
  keys: readonly AwsTestKey[];
  world: EcrWorld;
  faults: ApiFaultQueue;
}

async function answer(req: http.IncomingMessage, context: Context): Promise<{ operation: string | null; wire: WireAnswer; code?: string }> {
  const fail = (operation: string | null, code: string, message: string, status?: number) => ({ operation, code, wire: errorAnswer(model, code, message, status ? { status } : {}) });
  let wire;
  try {
    wire = await readWireRequest(req);
  } catch (err) {
    return fail(null, err instanceof WireError ? err.code : 'SerializationException', (err as Error).message, err instanceof WireError ? err.status : 400);
  }
  const auth = checkSigV4(req, wire.body, context.keys, 'ecr', context.world.now());
  if (!auth.ok) return fail(null, REFUSAL_CODES[auth.refusal], auth.message, auth.refusal === 'missing' || auth.refusal === 'bad-signature' ? 403 : 400);
  if (auth.region !== context.world.region) return fail(null, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${auth.region}'.`, 403);
  let parsed;
  try {
    parsed = parseRequest(model, wire);
  } catch (err) {
    if (err instanceof WireError) return fail(null, err.code, err.message, err.status);
    throw err;
  }
  const { operation, input } = parsed;
  const fault = context.faults.take(operation);
  if (fault) return fail(operation, fault.code, fault.message ?? 'Injected fault.', fault.status);
  const problems = model.validateInput(operation, input);
  // ECR names a request that breaks the model's constraints InvalidParameterException.
  if (problems.length > 0) return fail(operation, 'InvalidParameterException', validationMessage(problems));
  const handler = HANDLERS[operation];
  if (!handler) return fail(operation, 'UnknownOperationException', `The double does not implement ${operation}.`);
  try {
    return { operation, wire: successAnswer(model, operation, await handler(input, context.world)) };
  } catch (err) {
    if (err instanceof EcrError) return fail(operation, err.code, err.message);
    // The registry behind the API failed (e.g. it was stopped as a fault): ECR's own 500.
    return fail(operation, 'ServerException', `Internal error: ${(err as Error).message}`, 500);
  }
}

const REFUSAL_CODES: Record<SigV4Refusal, string> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  stale: 'InvalidSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
};

const HANDLERS: Record<string, EcrHandler> = {
  GetAuthorizationToken: async (_input, world) => ({
    authorizationData: [
      {
        authorizationToken: Buffer.from(`${world.registry.username}:${world.registry.password}`).toString('base64'),
        expiresAt: new Date(world.now() + TOKEN_LIFETIME_MS),
        proxyEndpoint: world.registry.url,
      },
    ],
  }),
  CreateRepository: async (input, world) => {
    const name = String(input.repositoryName);
    if (world.repositories.has(name)) {
      throw new EcrError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${world.account}'`);
    }
    const scanning = input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined;
    const encryption = input.encryptionConfiguration as { encryptionType?: string } | undefined;
    const record: EcrRepositoryRecord = {
      name,
      arn: `arn:aws:ecr:${world.region}:${world.account}:repository/${name}`,
      registryId: world.account,
      uri: `${world.registry.host}/${name}`,
      createdAt: new Date(world.now()),
      imageTagMutability: String(input.imageTagMutability ?? 'MUTABLE'),
      scanOnPush: scanning?.scanOnPush ?? false,
      encryptionType: encryption?.encryptionType ?? 'AES256',
    };
    world.repositories.set(name, record);
    return { repository: repositoryShape(record) };
  },
  DescribeRepositories: async (input, world) => {
    const names = input.repositoryNames as string[] | undefined;
    if (names && input.maxResults !== undefined) throw new EcrError('InvalidParameterException', 'maxResults cannot be used with repositoryNames.');
    const found = names ? names.map((name) => requireRepository(world, name)) : [...world.repositories.values()];
    const page = paginate(found, input);
    return { repositories: page.items.map(repositoryShape), nextToken: page.nextToken };
  },
  DeleteRepository: async (input, world) => {
    const record = requireRepository(world, String(input.repositoryName));
    const digests = world.registry.manifestDigests(record.name);
    if (digests.length > 0 && input.force !== true) {
      throw new EcrError('RepositoryNotEmptyException', `The repository with name '${record.name}' in registry with id '${world.account}' cannot be deleted because it still contains images`);
    }
    for (const digest of digests) await world.registry.deleteManifest(record.name, digest);
    world.repositories.delete(record.name);
    return { repository: repositoryShape(record) };
  },
  ...imageOperations,
};

function repositoryShape(record: EcrRepositoryRecord): Record<string, unknown> {
  return {
    repositoryArn: record.arn,
    registryId: record.registryId,
    repositoryName: record.name,
    repositoryUri: record.uri,
    createdAt: record.createdAt,
    imageTagMutability: record.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: record.scanOnPush },
    encryptionConfiguration: { encryptionType: record.encryptionType },
  };
}

