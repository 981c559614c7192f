import { describe, expect, it } from 'vitest';
import { JOB_KINDS, jobEventSchema, jobResultSchema, readJobResult, requireJobResult, type JobEvent } from './jobs';

const base = { jobId: 'j', seq: 3, at: '2026-12-06T00:00:00.000Z' };
const summary = { warm: null, cold: null, coldSetupMs: [], partial: false };

describe('typed job results', () => {
  it('has one result schema per job kind, told apart by kind', () => {
    expect(JOB_KINDS.sort()).toEqual(['bench', 'build', 'deploy', 'destroy', 'invoke', 'rollback', 'run', 'verify']);
    expect(jobResultSchema.safeParse({ kind: 'bench', value: { runId: 'r', summary } }).success).toBe(true);
    expect(jobResultSchema.safeParse({ kind: 'bench', value: { project: 'p', variants: [] } }).success).toBe(false);
    expect(jobResultSchema.safeParse({ kind: 'deploy', value: null }).success).toBe(false);
  });

  it('reads a result event only as one of the kinds\' results, never as anything at all', () => {
    expect(jobEventSchema.safeParse({ ...base, type: 'result', value: { runId: 'r', summary } }).success).toBe(true);
    expect(jobEventSchema.safeParse({ ...base, type: 'result', value: null }).success).toBe(true);
    expect(jobEventSchema.safeParse({ ...base, type: 'result', value: { answer: 42 } }).success).toBe(false);
  });

  it('gives a job\'s result as its kind\'s type, and says clearly when a succeeded job has none', () => {
    const events = [{ ...base, type: 'result', value: { ok: true, status: 200, body: '{}', latencyMs: 3, serverDurationMs: 1 } }] as JobEvent[];
    expect(readJobResult('invoke', events)?.body).toBe('{}');
    expect(readJobResult('bench', events)).toBeUndefined();
    expect(() => requireJobResult('bench', [])).toThrow(expect.objectContaining({ code: 'INTERNAL', message: 'Internal error: the bench job ended without a readable result.' }));
  });
});
