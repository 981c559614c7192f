import type Dockerode from 'dockerode';
import type { VariantContainerSpec } from '../../main/core/run/container';
import { LambdaVariantSession } from '../../main/core/run/lambda-session';
import { ensureRunNetwork } from '../../main/core/run/network';
import { LambdaFault, type FunctionConfig } from './aws-lambda-functions';
import type { InvokeResult, LambdaRunner } from './aws-lambda';

/**
 * The Lambda double's real runner: each function version runs as real containers in the local
 * engine, driven through Skylift's own Runtime API (LambdaVariantSession), so an invoke runs the
 * image's bytes and its REPORT line is the one Skylift measures locally. As in Lambda, an execution
 * environment takes one request at a time: a request finding none idle starts another (a cold start,
 * Init Duration in its REPORT), up to `maxEnvironments` per version, past which Invoke is throttled
 * (429 TooManyRequestsException, as Lambda answers when concurrency runs out). Idle environments are
 * reused; a change of code or configuration retires them all, so the next request is cold.
 */
export interface DockerLambdaRunner {
  invoke: LambdaRunner;
  /** Removes every environment's container. */
  close(): Promise<void>;
  /** Environments started so far (all versions), for tests that check the concurrency model. */
  readonly started: number;
}

/**
 * Finds the image a function version runs, in the local engine: `localEngineImage` (the default)
 * takes what the engine already has; `registryImage` pulls the pinned digest from the registry
 * double first, so an invoke runs the bytes that were pushed.
 */
export type LocateImage = (config: FunctionConfig) => Promise<string>;

interface Environment {
  session: LambdaVariantSession;
  lines: string[];
}

/** One version's environments, all made for one configuration. */
interface Pool {
  fingerprint: string;
  idle: Environment[];
  /** Started or starting, busy or idle. */
  count: number;
  retired: boolean;
}

/** How long the log follower may lag the Runtime API's answer before the tail is cut. */
const LOG_SETTLE_MS = 50;
const LOG_SETTLE_MAX_MS = 500;
/** Enough for a bench's concurrency on a small machine; Lambda's own default is an account's 1,000. */
const DEFAULT_MAX_ENVIRONMENTS = 8;

export function dockerLambdaRunner(docker: Dockerode, options: { locateImage?: LocateImage; maxEnvironments?: number } = {}): DockerLambdaRunner {
  const locate = options.locateImage ?? localEngineImage(docker);
  const cap = options.maxEnvironments ?? DEFAULT_MAX_ENVIRONMENTS;
  /** Per function version: the pool for its current configuration. */
  const pools = new Map<string, Pool>();
  const everyEnvironment = new Set<Environment>();
  let started = 0;

  function poolFor(config: FunctionConfig): Pool {
    const key = `${config.FunctionArn}|${config.Version}`;
    const fingerprint = JSON.stringify([config.CodeSha256, config.MemorySize, config.Timeout, config.Environment ?? null, config.Architectures]);
    const current = pools.get(key);
    if (current?.fingerprint === fingerprint) return current;
    // $LATEST changed: its environments are thrown away as Lambda retires them after an update (busy ones when they finish).
    if (current) retire(current);
    const pool: Pool = { fingerprint, idle: [], count: 0, retired: false };
    pools.set(key, pool);
    return pool;
  }

  function retire(pool: Pool): void {
    pool.retired = true;
    for (const environment of pool.idle.splice(0)) void stop(environment);
  }

  async function stop(environment: Environment): Promise<void> {
    everyEnvironment.delete(environment);
    await environment.session.stop().catch(() => undefined);
  }

  async function acquire(pool: Pool, config: FunctionConfig): Promise<Environment> {
    const idle = pool.idle.pop();
    if (idle) return idle;
    if (pool.count >= cap) throw new LambdaFault('TooManyRequestsException', 'Rate Exceeded.', 429);
    pool.count += 1;
    started += 1;
    try {
      const environment = await startEnvironment(docker, config, await locate(config));
      everyEnvironment.add(environment);
      return environment;
    } catch (error) {
      pool.count -= 1;
      throw error;
    }
  }

  function release(pool: Pool, environment: Environment): void {
    if (pool.retired || !everyEnvironment.has(environment)) {
      pool.count -= 1;
      void stop(environment);
    } else pool.idle.push(environment);
  }

  return {
    invoke: async (config, payload) => {
      const pool = poolFor(config);
      const environment = await acquire(pool, config);
      try {
        return await invokeOnce(environment, config, payload);
      } finally {
        release(pool, environment);
      }
    },
    close: async () => {
      for (const pool of pools.values()) pool.retired = true;
      pools.clear();
      await Promise.all([...everyEnvironment].map(stop));
    },
    get started() {
      return started;
    },
  };
}

async function startEnvironment(docker: Dockerode, config: FunctionConfig, image: string): Promise<Environment> {
  const spec: VariantContainerSpec = {
    image,
    variant: 'aws-lambda',
    project: 'lambda-double',
    jobId: `lambda-double-${process.pid}`,
    instance: `${config.FunctionName}-${config.Version}`.replace(/[^\w.-]/g, '_'),
    env: config.Environment?.Variables ?? {},
    gpu: false,
    publishHttp: false,
    memoryBytes: config.MemorySize * 1024 * 1024,
  };
  const [, , , region, accountId] = config.FunctionArn.split(':');
  const lines: string[] = [];
  const network = await ensureRunNetwork(docker);
  const settings = { functionName: config.FunctionName, memoryMb: config.MemorySize, timeoutSeconds: config.Timeout, region, accountId };
  const session = new LambdaVariantSession(docker, spec, { network, settings, measureMemory: true }, (line) => lines.push(line));
  await session.start();
  return { session, lines };
}

async function invokeOnce(environment: Environment, config: FunctionConfig, payload: Buffer): Promise<InvokeResult> {
  environment.lines.length = 0;
  const invocation = await environment.session.invoke(payload);
  await logsSettled(environment.lines);
  const requestId = /RequestId: (\S+)/.exec(invocation.report ?? '')?.[1] ?? 'unknown';
  const functionLines = environment.lines.splice(0).map((line) => `${line}\n`).join('');
  return {
    payload: invocation.body,
    // Lambda reports every failed invocation (an error, a timeout, a crash) as Unhandled.
    ...(invocation.ok ? {} : { functionError: 'Unhandled' }),
    logTail: `START RequestId: ${requestId} Version: ${config.Version}\n${functionLines}END RequestId: ${requestId}\n${invocation.report ?? ''}\n`,
  };
}

/** Waits until no log line has arrived for LOG_SETTLE_MS (at most LOG_SETTLE_MAX_MS), so the tail holds the invocation's own output. */
async function logsSettled(lines: string[]): Promise<void> {
  const deadline = Date.now() + LOG_SETTLE_MAX_MS;
  let seen = -1;
  while (seen !== lines.length && Date.now() < deadline) {
    seen = lines.length;
    await new Promise((resolve) => setTimeout(resolve, LOG_SETTLE_MS));
  }
}

/** The image as the local engine holds it: the pinned digest first (Lambda runs that), then the URI as given. */
function localEngineImage(docker: Dockerode): LocateImage {
  return async (config) => {
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(config.ResolvedImageUri)?.[1];
    for (const candidate of [config.ResolvedImageUri, config.ImageUri, ...(digest ? [digest] : [])]) {
      const found = await docker
        .getImage(candidate)
        .inspect()
        .then((info) => info.Id)
        .catch(() => null);
      if (found) return found;
    }
    throw new LambdaFault('ServiceException', `The image ${config.ImageUri} (${config.ResolvedImageUri}) is not in the local Docker engine, so the Lambda double cannot run it.`, 500);
  };
}

export interface RegistryAccess {
  /** 127.0.0.1:PORT, as image references start. */
  host: string;
  username: string;
  password: string;
}

const PULL_DEADLINE_MS = 5 * 60_000;

/** Pulls the version's ResolvedImageUri (registry@sha256:…) through the engine, with the registry's credentials and a deadline. */
export function registryImage(docker: Dockerode, registry: RegistryAccess, deadlineMs = PULL_DEADLINE_MS): LocateImage {
  return async (config) => {
    const reference = config.ResolvedImageUri;
    if (!reference.startsWith(`${registry.host}/`)) {
      throw new LambdaFault('ServiceException', `The image ${reference} is not in the registry double at ${registry.host}, so the Lambda double cannot pull it.`, 500);
    }
    await pullWithDeadline(docker, reference, { username: registry.username, password: registry.password, serveraddress: registry.host }, deadlineMs);
    return (await docker.getImage(reference).inspect()).Id;
  };
}

async function pullWithDeadline(docker: Dockerode, reference: string, authconfig: Dockerode.AuthConfig, deadlineMs: number): Promise<void> {
  const stream = (await docker.pull(reference, { authconfig })) as NodeJS.ReadableStream & { destroy(): void };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new LambdaFault('ServiceException', `Pulling ${reference} took longer than ${deadlineMs / 1000} s.`, 500));
    }, deadlineMs);
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: Array<{ error?: string }>) => {
        clearTimeout(timer);
        const failed = error?.message ?? events.find((e) => e.error)?.error;
        if (failed) reject(new LambdaFault('ServiceException', `Pulling ${reference} failed: ${failed}`, 500));
        else resolve();
      },
    );
  });
}
