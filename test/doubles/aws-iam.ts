import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiFault, ApiFaultQueue } from './aws-api-faults';
import { type AwsTestKey, checkSigV4, type SigV4Refusal } from './aws-auth';
import { errorAnswer, loadServiceModel, parseRequest, readWireRequest, sendWireAnswer, successAnswer, validationMessage, type WireAnswer, WireError } from './aws-model';

/**
 * A loopback double of IAM's role operations (awsQuery: form-encoded requests, XML answers with
 * ResponseMetadata), reached by the real @aws-sdk/client-iam and the AWS CLI through an endpoint
 * override. Requests are SigV4-checked (IAM signs in us-east-1) and validated against
 * iam-service-2.json. Each role's creation time is kept so the Lambda double can refuse a role
 * for its first seconds, as IAM's propagation delay makes Lambda do.
 */
export interface IamDouble {
  url: string;
  requests: Array<{ operation: string | null; status: number; code?: string }>;
  /** When the role with this ARN was created, or null if there is no such role. */
  roleCreatedAt(arn: string): Date | null;
  /** The role with this ARN: its trust policy (a JSON string) and attached policy ARNs. */
  role(arn: string): IamRoleView | null;
  failNext(fault: ApiFault, count?: number, operation?: string): void;
  close(): Promise<void>;
}

export interface IamRoleView {
  arn: string;
  name: string;
  createdAt: Date;
  trustPolicy: string;
  attachedPolicyArns: string[];
}

interface RoleRecord {
  path: string;
  name: string;
  id: string;
  arn: string;
  createdAt: Date;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  tags?: unknown;
  attached: string[];
}

interface IamWorld {
  account: string;
  roles: Map<string, RoleRecord>;
  now: () => number;
}

class IamError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const model = loadServiceModel('iam');
/** IAM is global; requests are signed for us-east-1. */
const SIGNING_REGION = 'us-east-1';
/** AWS managed policies a role may attach here (Skylift's role needs the first). */
const MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
];

export async function startIamDouble(options: { keys: readonly AwsTestKey[]; now?: () => number }): Promise<IamDouble> {
  const world: IamWorld = { account: options.keys[0]?.account ?? '123456789012', roles: new Map(), now: options.now ?? Date.now };
  const requests: IamDouble['requests'] = [];
  const faults = new ApiFaultQueue();
  const server = http.createServer((req, res) => {
    void answer(req, options.keys, world, faults)
      // A bug in the double answers 500 rather than leaving the client waiting.
      .catch((err: Error) => ({ operation: null, wire: errorAnswer(model, 'ServiceFailureException', err.message), code: 'ServiceFailure' }))
      .then(({ operation, wire, code }) => {
        requests.push({ operation, status: wire.status, ...(code ? { code } : {}) });
        sendWireAnswer(res, wire);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const byArn = (arn: string) => [...world.roles.values()].find((r) => r.arn === arn) ?? null;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    roleCreatedAt: (arn) => byArn(arn)?.createdAt ?? null,
    role(arn) {
      const found = byArn(arn);
      return found && { arn: found.arn, name: found.name, createdAt: found.createdAt, trustPolicy: found.trustPolicy, attachedPolicyArns: [...found.attached] };
    },
    failNext: (fault, count, operation) => faults.add(fault, count, operation),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function answer(req: http.IncomingMessage, keys: readonly AwsTestKey[], world: IamWorld, faults: ApiFaultQueue): Promise<{ operation: string | null; wire: WireAnswer; code?: string }> {
  const fail = (operation: string | null, code: string, message: string, status?: number) => ({ operation, code, wire: errorAnswer(model, code, message, status ? { status } : {}) });
  let wire;
  try {
    wire = await readWireRequest(req);
  } catch (err) {
    return fail(null, err instanceof WireError ? err.code : 'MalformedInput', (err as Error).message, err instanceof WireError ? err.status : 400);
  }
  const auth = checkSigV4(req, wire.body, keys, 'iam', world.now());
  if (!auth.ok) return fail(null, REFUSAL_CODES[auth.refusal], auth.message, auth.refusal === 'incomplete' ? 400 : 403);
  if (auth.region !== SIGNING_REGION) return fail(null, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${auth.region}'.`, 403);
  let parsed;
  try {
    parsed = parseRequest(model, wire);
  } catch (err) {
    if (err instanceof WireError) return fail(null, err.code, err.message, err.status);
    throw err;
  }
  const { operation, input } = parsed;
  const fault = faults.take(operation);
  if (fault) return fail(operation, fault.code, fault.message ?? 'Injected fault.', fault.status);
  const problems = model.validateInput(operation, input);
  // awsQuery services answer a request that breaks the model with ValidationError.
  if (problems.length > 0) return fail(operation, 'ValidationError', validationMessage(problems), 400);
  const handler = HANDLERS[operation];
  if (!handler) return fail(operation, 'InvalidAction', `The double does not implement ${operation}.`, 400);
  try {
    return { operation, wire: successAnswer(model, operation, handler(input, world)) };
  } catch (err) {
    if (err instanceof IamError) return fail(operation, err.code, err.message);
    throw err;
  }
}

const REFUSAL_CODES: Record<SigV4Refusal, string> = {
  missing: 'MissingAuthenticationToken',
  incomplete: 'IncompleteSignature',
  stale: 'SignatureDoesNotMatch',
  'unknown-key': 'InvalidClientTokenId',
  'bad-signature': 'SignatureDoesNotMatch',
};

type Handler = (input: Record<string, unknown>, world: IamWorld) => Record<string, unknown>;

const HANDLERS: Record<string, Handler> = {
  CreateRole: (input, world) => {
    const name = String(input.RoleName);
    // Role names are unique case-insensitively in IAM.
    if (world.roles.has(name.toLowerCase())) throw new IamError('EntityAlreadyExistsException', `Role with name ${name} already exists.`);
    const trustPolicy = String(input.AssumeRolePolicyDocument);
    if (!isPolicyDocument(trustPolicy)) throw new IamError('MalformedPolicyDocumentException', 'This policy contains invalid Json');
    const path = String(input.Path ?? '/');
    const role: RoleRecord = {
      path,
      name,
      id: `AROA${randomBytes(8).toString('hex').toUpperCase()}`,
      arn: `arn:aws:iam::${world.account}:role${path}${name}`,
      createdAt: new Date(world.now()),
      trustPolicy,
      description: input.Description as string | undefined,
      maxSessionDuration: Number(input.MaxSessionDuration ?? 3600),
      tags: input.Tags,
      attached: [],
    };
    world.roles.set(name.toLowerCase(), role);
    return { Role: roleShape(role) };
  },
  GetRole: (input, world) => ({ Role: roleShape(requireRole(world, String(input.RoleName))) }),
  AttachRolePolicy: (input, world) => {
    const role = requireRole(world, String(input.RoleName));
    const policyArn = String(input.PolicyArn);
    if (!MANAGED_POLICIES.includes(policyArn)) throw new IamError('NoSuchEntityException', `Policy ${policyArn} does not exist or is not attachable.`);
    if (!role.attached.includes(policyArn)) role.attached.push(policyArn);
    return {};
  },
  DetachRolePolicy: (input, world) => {
    const role = requireRole(world, String(input.RoleName));
    const policyArn = String(input.PolicyArn);
    if (!role.attached.includes(policyArn)) throw new IamError('NoSuchEntityException', `Policy ${policyArn} was not found.`);
    role.attached = role.attached.filter((arn) => arn !== policyArn);
    return {};
  },
  ListAttachedRolePolicies: (input, world) => {
    const role = requireRole(world, String(input.RoleName));
    const prefix = String(input.PathPrefix ?? '/');
    const matching = role.attached.filter((arn) => policyPath(arn).startsWith(prefix));
    const start = input.Marker === undefined ? 0 : Number(Buffer.from(String(input.Marker), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new IamError('InvalidInputException', 'Invalid Marker.');
    const end = start + Number(input.MaxItems ?? 100);
    return {
      AttachedPolicies: matching.slice(start, end).map((arn) => ({ PolicyArn: arn, PolicyName: arn.split('/').pop() })),
      IsTruncated: end < matching.length,
      Marker: end < matching.length ? Buffer.from(String(end)).toString('base64') : undefined,
    };
  },
  DeleteRole: (input, world) => {
    const role = requireRole(world, String(input.RoleName));
    if (role.attached.length > 0) throw new IamError('DeleteConflictException', 'Cannot delete entity, must detach all policies first.');
    world.roles.delete(role.name.toLowerCase());
    return {};
  },
};

function requireRole(world: IamWorld, name: string): RoleRecord {
  const role = world.roles.get(name.toLowerCase());
  if (!role) throw new IamError('NoSuchEntityException', `The role with name ${name} cannot be found.`);
  return role;
}

function roleShape(role: RoleRecord): Record<string, unknown> {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createdAt,
    // IAM answers policy documents URL-encoded.
    AssumeRolePolicyDocument: encodeURIComponent(role.trustPolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: role.tags,
    RoleLastUsed: {},
  };
}

/** `arn:aws:iam::aws:policy/service-role/Name` → `/service-role/`. */
function policyPath(arn: string): string {
  const resource = arn.split(':').slice(5).join(':').replace(/^policy/, '');
  return resource.slice(0, resource.lastIndexOf('/') + 1);
}

function isPolicyDocument(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return typeof doc === 'object' && doc !== null && doc.Statement !== undefined;
  } catch {
    return false;
  }
}
