import type Dockerode from 'dockerode';

/**
 * The cgroup's own high-water mark, read inside the container: cgroup v2 `memory.peak`, else v1
 * `memory.max_usage_in_bytes`. The engine's stats carry v1's peak only; on v2 they give the current
 * usage, which after an invocation is far below its peak (19 MB read for a 52 MB process).
 */
export const PEAK_FILES = ['/sys/fs/cgroup/memory.peak', '/sys/fs/cgroup/memory/memory.max_usage_in_bytes'] as const;

/** A stats or exec call that takes longer is abandoned: Max Memory Used is then left out. */
const READ_DEADLINE_MS = 3000;

/** The first file's number of bytes in `cat`'s output (the missing file only writes to stderr). */
export function parsePeakBytes(stdout: string): number | null {
  const match = /^\s*(\d+)\s*$/m.exec(stdout);
  const bytes = match ? Number(match[1]) : NaN;
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}

/** The container's peak memory in MB since it started, or null when it cannot be read. */
export async function containerPeakMemoryMb(docker: Dockerode, container: Dockerode.Container): Promise<number | null> {
  const bytes = (await withDeadline(readCgroupPeak(docker, container))) ?? (await withDeadline(statsPeak(container)));
  return bytes ? bytes / 1024 / 1024 : null;
}

async function readCgroupPeak(docker: Dockerode, container: Dockerode.Container): Promise<number | null> {
  const exec = await container.exec({ Cmd: ['cat', ...PEAK_FILES], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  // Past the deadline the answer is ignored; the exec's stream must not linger either.
  const cutOff = setTimeout(() => stream.destroy(), READ_DEADLINE_MS);
  let stdout = '';
  const sink = (onChunk: (text: string) => void) => ({ write: (chunk: Buffer) => (onChunk(chunk.toString('utf8')), true) });
  docker.modem.demuxStream(stream, sink((text) => (stdout += text)) as unknown as NodeJS.WritableStream, sink(() => undefined) as unknown as NodeJS.WritableStream);
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  clearTimeout(cutOff);
  return parsePeakBytes(stdout);
}

async function statsPeak(container: Dockerode.Container): Promise<number | null> {
  // one-shot: without it the engine waits a full second for a second CPU sample we do not need.
  const stats = (await container.stats({ stream: false, 'one-shot': true } as { stream: false })) as { memory_stats?: { max_usage?: number } };
  return stats.memory_stats?.max_usage ?? null; // v1 only: `usage` is not a peak, so it is not used
}

/** The value, or null when the read fails or outlives its deadline. */
async function withDeadline<T>(read: Promise<T | null>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READ_DEADLINE_MS)));
  try {
    return await Promise.race([read.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
