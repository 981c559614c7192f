import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerPeakMemoryMb, parsePeakBytes, PEAK_FILES } from './memory-peak';

const MB = 1024 * 1024;

/** An engine whose exec prints `catOutput` (null: exec fails) and whose stats carry `memoryStats`. */
function fakeEngine(catOutput: string | null, memoryStats: Record<string, number>) {
  const commands: string[][] = [];
  const container = {
    exec: async ({ Cmd }: { Cmd: string[] }) => {
      commands.push(Cmd);
      if (catOutput === null) throw new Error('exec failed: no such file: cat');
      return {
        start: async () => {
          const stream = new PassThrough();
          setImmediate(() => stream.end(catOutput));
          return stream;
        },
      };
    },
    stats: async () => ({ memory_stats: memoryStats }),
  } as unknown as Dockerode.Container;
  const docker = {
    modem: { demuxStream: (stream: PassThrough, stdout: NodeJS.WritableStream) => stream.on('data', (chunk: Buffer) => stdout.write(chunk)) },
  } as unknown as Dockerode;
  return { docker, container, commands };
}

describe('containerPeakMemoryMb', () => {
  it("reads the cgroup's peak inside the container: v2 memory.peak, else v1 max_usage_in_bytes", async () => {
    const { docker, container, commands } = fakeEngine(`${52 * MB}\n`, { usage: 19 * MB });
    expect(await containerPeakMemoryMb(docker, container)).toBe(52);
    expect(commands).toEqual([['cat', ...PEAK_FILES]]);
  });

  it("never takes the engine's current usage for the peak (cgroup v2 stats have no max_usage)", async () => {
    const { docker, container } = fakeEngine(null, { usage: 19 * MB });
    expect(await containerPeakMemoryMb(docker, container)).toBeNull();
  });

  it("falls back to the engine's v1 max_usage when the container has no cat", async () => {
    const { docker, container } = fakeEngine(null, { usage: 19 * MB, max_usage: 52 * MB });
    expect(await containerPeakMemoryMb(docker, container)).toBe(52);
  });
});

describe('parsePeakBytes', () => {
  it('takes the number cat printed, whichever of the two files exists', () => {
    expect(parsePeakBytes('54525952\n')).toBe(54525952);
    expect(parsePeakBytes('')).toBeNull();
    expect(parsePeakBytes('max\n')).toBeNull();
    expect(parsePeakBytes('0\n')).toBeNull();
  });
});
