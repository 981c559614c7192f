import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOUBLES_TEST_KEY, type AwsTestKey } from './aws-auth';
import { checkLambdaSigV4 } from './aws-lambda-auth';
import { LambdaControlPlane, type ResolveImage } from './aws-lambda-control';
import { LambdaFault, resolveQualifier, type FunctionConfig } from './aws-lambda-functions';
import { errorAnswer, loadServiceModel, parseRequest, readWireRequest, sendWireAnswer, successAnswer, validationMessage, WireError, type WireAnswer, type WireRequest } from './aws-model';

/**
 * A loopback double of AWS Lambda's control plane and Invoke (restJson1), reached by the real
 * @aws-sdk/client-lambda and the AWS CLI through an endpoint override. Every request is SigV4
 * checked and validated against the published model (lambda-service-2.json); functions move
 * through Lambda's states on a clock; Invoke hands the payload to a pluggable runner (the real
 * one runs the image in Docker: aws-lambda-docker-runner.ts).
 */
export interface InvokeResult {
  payload: Buffer;
  /** 'Unhandled' (or the runtime's error type) when the function failed; sent as X-Amz-Function-Error. */
  functionError?: string;
  /** The invocation's log lines, START … END … REPORT; the last 4 KB go back when LogType is Tail. */
  logTail: string;
}

export type LambdaRunner = (config: FunctionConfig, payload: Buffer) => Promise<InvokeResult>;

export interface LambdaDoubleOptions {
  identities?: readonly AwsTestKey[];
  region?: string;
  /** State Pending → Active after create (default 300 ms). */
  stateDelayMs?: number;
  /** LastUpdateStatus InProgress → Successful after an update (default 300 ms). */
  updateDelayMs?: number;
  /** Answers what an ImageUri's manifest is (the registry double's seam); default: any image, a single-platform manifest. */
  resolveImage?: ResolveImage;
  /** When IAM created a role (epoch ms), so CreateFunction fails for its first rolePropagationMs. */
  roleCreatedAt?: (roleArn: string) => number | undefined;
  rolePropagationMs?: number;
  invoke?: LambdaRunner;
  now?: () => number;
}

export interface LambdaStorm {
  count: number;
  status: 429 | 500 | 502 | 503;
  /** Only these operations are hit; default all. */
  operations?: readonly string[];
}

export interface LambdaDouble {
  url: string;
  region: string;
  control: LambdaControlPlane;
  requests: Array<{ operation: string | null; status: number }>;
  /** The next `count` matching requests are answered with a throttle or a server error. */
  injectStorm(storm: LambdaStorm): void;
  /** CreateFunction refuses this role until acceptRole, as while IAM propagates a new role. */
  refuseRole(roleArn: string): void;
  acceptRole(roleArn: string): void;
  close(): Promise<void>;
}

const model = loadServiceModel('lambda');
const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
const LOG_TAIL_BYTES = 4096;

export async function startLambdaDouble(options: LambdaDoubleOptions = {}): Promise<LambdaDouble> {
  const identities = options.identities ?? [DOUBLES_TEST_KEY];
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const refused = new Set<string>();
  const storms: LambdaStorm[] = [];
  const requests: LambdaDouble['requests'] = [];
  const control = new LambdaControlPlane({
    now,
    region,
    account: identities[0]?.account ?? DOUBLES_TEST_KEY.account,
    stateDelayMs: options.stateDelayMs ?? 300,
    updateDelayMs: options.updateDelayMs ?? 300,
    resolveImage: options.resolveImage ?? acceptAnyImage,
    roleUnassumable: (arn) => refused.has(arn) || now() - (options.roleCreatedAt?.(arn) ?? -Infinity) < (options.rolePropagationMs ?? 10_000),
  });
  const context: HandlerContext = { identities, now, control, storms, runner: options.invoke };
  const server = http.createServer((req, res) => {
    readWireRequest(req, 2 * MAX_SYNC_PAYLOAD)
      .then(async (wire) => {
        const { operation, answer } = await handle(wire, context);
        requests.push({ operation, status: answer.status });
        sendWireAnswer(res, answer);
      })
      .catch((error: Error) => {
        // A request the double could not even read (reset, too large) still gets an answer when the socket allows.
        if (!res.headersSent && !res.destroyed) sendWireAnswer(res, errorAnswer(model, error instanceof WireError ? error.code : 'ServiceException', error.message, { status: error instanceof WireError ? error.status : 500 }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    region,
    control,
    requests,
    injectStorm: (storm) => void storms.push({ ...storm }),
    refuseRole: (arn) => void refused.add(arn),
    acceptRole: (arn) => void refused.delete(arn),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface HandlerContext {
  identities: readonly AwsTestKey[];
  now: () => number;
  control: LambdaControlPlane;
  storms: LambdaStorm[];
  runner: LambdaRunner | undefined;
}

async function handle(wire: WireRequest, context: HandlerContext): Promise<{ operation: string | null; answer: WireAnswer }> {
  const auth = checkLambdaSigV4(wire, context.identities, context.now());
  if ('code' in auth) return { operation: null, answer: errorAnswer(model, auth.code, auth.message, { status: auth.status }) };
  let operation: string | null = null;
  try {
    const parsed = parseRequest(model, wire);
    operation = parsed.operation;
    const storm = takeStorm(context.storms, operation);
    if (storm) return { operation, answer: stormAnswer(storm) };
    const problems = model.validateInput(operation, parsed.input);
    if (problems.length) return { operation, answer: errorAnswer(model, 'ValidationException', validationMessage(problems), { status: 400 }) };
    if (operation === 'Invoke') return { operation, answer: await invoke(parsed.input, context) };
    const run = CONTROL_OPERATIONS[operation];
    if (!run) return { operation, answer: errorAnswer(model, 'InvalidParameterValueException', `The Lambda double does not implement ${operation}.`, { status: 400 }) };
    const output = (await run(context.control, parsed.input)) as Record<string, unknown> | undefined;
    return { operation, answer: successAnswer(model, operation, output ?? {}) };
  } catch (error) {
    if (error instanceof LambdaFault || error instanceof WireError) return { operation, answer: errorAnswer(model, error.code, error.message, error.status === undefined ? {} : { status: error.status }) };
    return { operation, answer: errorAnswer(model, 'ServiceException', `The Lambda double failed: ${(error as Error).message}`) };
  }
}

type ControlOperation = (control: LambdaControlPlane, input: Record<string, unknown>) => unknown;

const CONTROL_OPERATIONS: Partial<Record<string, ControlOperation>> = {
  CreateFunction: (c, input) => c.CreateFunction(input),
  GetFunction: (c, input) => c.GetFunction(input),
  GetFunctionConfiguration: (c, input) => c.GetFunctionConfiguration(input),
  UpdateFunctionCode: (c, input) => c.UpdateFunctionCode(input),
  UpdateFunctionConfiguration: (c, input) => c.UpdateFunctionConfiguration(input),
  PublishVersion: (c, input) => c.PublishVersion(input),
  CreateAlias: (c, input) => c.CreateAlias(input),
  UpdateAlias: (c, input) => c.UpdateAlias(input),
  GetAlias: (c, input) => c.GetAlias(input),
  ListAliases: (c, input) => c.ListAliases(input),
  ListVersionsByFunction: (c, input) => c.ListVersionsByFunction(input),
  DeleteFunction: (c, input) => c.DeleteFunction(input),
  DeleteAlias: (c, input) => c.DeleteAlias(input),
};

function takeStorm(storms: LambdaStorm[], operation: string): LambdaStorm | null {
  const storm = storms.find((s) => s.count > 0 && (!s.operations || s.operations.includes(operation)));
  if (!storm) return null;
  storm.count -= 1;
  return storm;
}

function stormAnswer(storm: LambdaStorm): WireAnswer {
  if (storm.status === 429) {
    const answer = errorAnswer(model, 'TooManyRequestsException', 'Rate exceeded', { status: 429 });
    const body = { ...(JSON.parse(answer.body.toString()) as object), Reason: 'CallerRateLimitExceeded' };
    return { ...answer, headers: { ...answer.headers, 'retry-after': '1' }, body: Buffer.from(JSON.stringify(body)) };
  }
  return errorAnswer(model, 'ServiceException', 'An error occurred while processing the request. Please try again.', { status: storm.status });
}

async function invoke(input: Record<string, unknown>, context: HandlerContext): Promise<WireAnswer> {
  const { fn, qualifier } = context.control.find(input);
  const timed = resolveQualifier(fn, qualifier);
  const state = context.control.configurationOf(timed).State;
  if (state !== 'Active') throw new LambdaFault('ResourceConflictException', `The operation cannot be performed at this time. The function is currently in the following state: ${String(state)}`);
  const payload = (input.Payload as Buffer | undefined) ?? Buffer.from('{}');
  if (payload.length > MAX_SYNC_PAYLOAD) throw new LambdaFault('RequestTooLargeException', `Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`, 413);
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw new LambdaFault('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`, 400);
  }
  const type = input.InvocationType ?? 'RequestResponse';
  if (type === 'DryRun') return successAnswer(model, 'Invoke', { StatusCode: 204 });
  if (!context.runner) throw new LambdaFault('ServiceException', 'This Lambda double was started without a runner, so it cannot invoke functions.', 500);
  if (type === 'Event') {
    context.runner(timed.config, payload).catch(() => undefined);
    return successAnswer(model, 'Invoke', { StatusCode: 202 });
  }
  const result = await context.runner(timed.config, payload);
  const tail = Buffer.from(result.logTail, 'utf8');
  return successAnswer(model, 'Invoke', {
    StatusCode: 200,
    Payload: result.payload,
    ExecutedVersion: timed.config.Version,
    ...(result.functionError ? { FunctionError: result.functionError } : {}),
    ...(input.LogType === 'Tail' ? { LogResult: tail.subarray(Math.max(0, tail.length - LOG_TAIL_BYTES)).toString('base64') } : {}),
  });
}

/** The default registry answer: every ImageUri exists as a single-platform manifest, pinned to its digest when it names one. */
const acceptAnyImage: ResolveImage = (imageUri) => {
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(imageUri)?.[1];
  return Promise.resolve({ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest: digest ?? `sha256:${createHash('sha256').update(imageUri).digest('hex')}` });
};
