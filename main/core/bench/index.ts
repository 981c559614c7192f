export { httpTarget, SERVER_DURATION_HEADER, type HttpTargetOptions } from './http-target';
export { runBench } from './run-bench';
export { summarise } from './summary';
export type { BenchRunOptions, BenchSample, BenchTarget, ClosedLoopOptions, InvokeResult, LatencySummary, OpenLoopOptions } from './types';
