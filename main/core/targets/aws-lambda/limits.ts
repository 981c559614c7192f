/** Lambda's published limit: 10 GB uncompressed image, all layers included. */
export const LAMBDA_MAX_IMAGE_BYTES = 10 * 1024 ** 3;

/** Lambda's defaults when skylift.yaml sets none (CreateFunction's are 128 MB and 3 s; these suit a model). */
export const DEFAULT_LAMBDA = { memoryMb: 1024, timeoutSeconds: 30 };
