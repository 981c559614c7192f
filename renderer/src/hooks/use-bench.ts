import { z } from 'zod';
import { benchRunSchema, type BenchRequest } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useJobControl } from './use-job-control';

/** What a bench job's `result` event carries: the stored run and its summary. */
const benchResultSchema = z.object({ runId: z.string(), summary: benchRunSchema.shape.summary });
export type BenchResult = z.infer<typeof benchResultSchema>;

/** The Bench part of Test: start and cancel a bench job for a project, and follow the latest one. */
export function useBench(dir: string) {
  const control = useJobControl(`deploy.bench-job.${dir}`);
  const start = (request: Omit<BenchRequest, 'dir'>) => control.start(() => skylift.api.bench.start({ ...request, dir }));
  const parsed = benchResultSchema.safeParse(control.snapshot?.result);
  return { ...control, start, result: parsed.success ? parsed.data : null };
}

export type BenchModel = ReturnType<typeof useBench>;
