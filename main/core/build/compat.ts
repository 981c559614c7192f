import { z } from 'zod';
import table from '../../../resources/compat/compat.json';
import type { Framework } from '../../../shared/project/schema';

const gpuEntrySchema = z.object({ version: z.string(), cuda: z.string(), python: z.string().optional(), gpuImage: z.string() });

export const compatTableSchema = z.object({
  cuda: z.record(z.string(), z.object({ minDriver: z.string() })),
  frameworks: z.record(z.string(), z.array(gpuEntrySchema)),
  genericGpu: z.object({ cuda: z.string(), image: z.string() }),
  cpuImage: z.string(),
  azureFunctionsImage: z.string(),
  pythonVersions: z.array(z.string()),
});
export type CompatTable = z.infer<typeof compatTableSchema>;
export type GpuEntry = z.infer<typeof gpuEntrySchema>;

export const compatTable: CompatTable = compatTableSchema.parse(table);

/** The GPU base for a framework version: exact major.minor match, or none. */
export function findGpuEntry(compat: CompatTable, framework: Framework, version: string | undefined): GpuEntry | undefined {
  if (framework === 'none' || framework === 'sklearn') return { version: '*', ...compat.genericGpu, gpuImage: compat.genericGpu.image };
  const minor = (version ?? '').split('.').slice(0, 2).join('.');
  return compat.frameworks[framework]?.find((entry) => entry.version === minor);
}

export function knownVersions(compat: CompatTable, framework: Framework): string[] {
  return (compat.frameworks[framework] ?? []).map((e) => e.version);
}

export const fillPython = (template: string, python: string): string => template.replaceAll('{python}', python);

export type DriverCheck = { status: 'ok' | 'too-old' | 'no-driver'; message: string };

/** Is the host's NVIDIA driver new enough for a CUDA version? Compared segment by segment. */
export function checkDriver(compat: CompatTable, cuda: string, hostDriver: string | null): DriverCheck {
  const minDriver = compat.cuda[cuda]?.minDriver;
  if (!minDriver) return { status: 'ok', message: `CUDA ${cuda} has no known driver minimum.` };
  if (!hostDriver) return { status: 'no-driver', message: `No NVIDIA driver found on this machine; CUDA ${cuda} needs ${minDriver} or newer to use the GPU.` };
  if (compareVersions(hostDriver, minDriver) < 0) {
    return {
      status: 'too-old',
      message: `The NVIDIA driver here is ${hostDriver}, older than ${minDriver}, the minimum for CUDA ${cuda}. The image will build, but cannot use the GPU on this machine until the driver is updated (or pick a base with an older CUDA).`,
    };
  }
  return { status: 'ok', message: `NVIDIA driver ${hostDriver} supports CUDA ${cuda} (needs ${minDriver}).` };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
