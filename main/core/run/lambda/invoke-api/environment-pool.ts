/**
 * A function's execution environments as Lambda's reserved concurrency sees them: each takes one
 * invocation at a time. A synchronous Invoke that finds none free is throttled (tryAcquire gives
 * null); queued work (Event invocations, Skylift's own Try it) waits for one (acquire).
 */
export class EnvironmentPool<T> {
  private readonly free: T[];
  private readonly waiting: Array<(environment: T) => void> = [];

  constructor(environments: readonly T[]) {
    this.free = [...environments];
  }

  tryAcquire(): T | null {
    return this.free.pop() ?? null;
  }

  acquire(): Promise<T> {
    const environment = this.tryAcquire();
    if (environment !== null) return Promise.resolve(environment);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(environment: T): void {
    const next = this.waiting.shift();
    if (next) next(environment);
    else this.free.push(environment);
  }

  /** Runs `work` on an environment, waiting for one; the environment is released however work ends. */
  async withEnvironment<R>(work: (environment: T) => Promise<R>): Promise<R> {
    const environment = await this.acquire();
    try {
      return await work(environment);
    } finally {
      this.release(environment);
    }
  }
}
