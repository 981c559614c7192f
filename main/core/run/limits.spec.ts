import { describe, expect, it } from 'vitest';
import { lambdaContainerLimits, lambdaVcpus } from './limits';

describe("Lambda's CPU rule", () => {
  it('gives one vCPU at 1,769 MB, proportionally less below, at most 6', () => {
    expect(lambdaVcpus(1769)).toBe(1);
    expect(lambdaVcpus(128)).toBeCloseTo(0.0724, 4);
    expect(lambdaVcpus(3538)).toBeCloseTo(2.044, 3);
    expect(lambdaVcpus(6004.5)).toBeCloseTo(3.5, 3);
    expect(lambdaVcpus(10240)).toBe(6);
  });

  it('mirrors memory exactly and caps CPUs at what the engine has, saying so', () => {
    expect(lambdaContainerLimits(1024, 16)).toEqual({ memoryBytes: 1024 * 1024 * 1024, nanoCpus: Math.round((1024 / 1769) * 1e9), note: null });
    const capped = lambdaContainerLimits(10240, 2);
    expect(capped.nanoCpus).toBe(2e9);
    expect(capped.note).toContain('6.00 vCPUs');
  });
});
