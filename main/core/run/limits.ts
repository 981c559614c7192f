/** Lambda's two published points: one full vCPU at 1,769 MB, and 6 vCPUs at the 10,240 MB maximum. */
export const MB_PER_VCPU = 1769;
export const MAX_MEMORY_MB = 10240;
export const MAX_LAMBDA_VCPUS = 6;

/** Proportional below 1,769 MB; between the two points, linear (10,240 / 1,769 alone would give only 5.79). */
export function lambdaVcpus(memoryMb: number): number {
  if (memoryMb <= MB_PER_VCPU) return memoryMb / MB_PER_VCPU;
  const above = Math.min(memoryMb, MAX_MEMORY_MB) - MB_PER_VCPU;
  return 1 + (above * (MAX_LAMBDA_VCPUS - 1)) / (MAX_MEMORY_MB - MB_PER_VCPU);
}

export interface ContainerLimits {
  memoryBytes: number;
  nanoCpus: number;
  /** Said to the user when the machine cannot give what Lambda would. */
  note: string | null;
}

/** The container limits that mirror a Lambda function's memory setting on this engine's CPUs. */
export function lambdaContainerLimits(memoryMb: number, engineCpus: number): ContainerLimits {
  const wanted = lambdaVcpus(memoryMb);
  const granted = Math.min(wanted, engineCpus);
  return {
    memoryBytes: memoryMb * 1024 * 1024,
    nanoCpus: Math.round(granted * 1e9),
    note: granted < wanted ? `Lambda would give ${wanted.toFixed(2)} vCPUs at ${memoryMb} MB; this engine has ${engineCpus}, so the container gets ${granted}.` : null,
  };
}
