import { z } from 'zod';
import { architectureSchema, targetNameSchema } from '../project/schema';

export const projectIssueSchema = z.object({ path: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() });

export const variantPlanSchema = z.object({
  variant: targetNameSchema,
  baseImage: z.string(),
  baseSource: z.enum(['build-option', 'skylift.yaml', 'compat-table', 'ejected-dockerfile']),
  gpu: z.boolean(),
  architecture: architectureSchema,
  platform: z.enum(['linux/amd64', 'linux/arm64']),
  cuda: z.string().nullable(),
  warnings: z.array(z.string()),
});

export const variantDockerfileSchema = z.object({
  variant: targetNameSchema,
  /** Null when the variant cannot be planned (the error says why). */
  plan: variantPlanSchema.nullable(),
  dockerfile: z.string().nullable(),
  ejected: z.boolean(),
  error: z.string().nullable(),
  /** The image the engine holds for this variant; null when none is built; absent when the engine could not be asked. */
  built: z.object({ imageId: z.string(), createdAt: z.string() }).nullable().optional(),
});

export const openedProjectSchema = z.object({
  dir: z.string(),
  yaml: z.string(),
  valid: z.boolean(),
  issues: z.array(projectIssueSchema),
  variants: z.array(variantDockerfileSchema),
});
export type OpenedProject = z.infer<typeof openedProjectSchema>;

export const preflightCheckSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
});
export const targetPreflightSchema = z.object({ target: targetNameSchema, checks: z.array(preflightCheckSchema) });
export type TargetPreflight = z.infer<typeof targetPreflightSchema>;

export const layerSchema = z.object({ sizeBytes: z.number(), createdBy: z.string() });

/** The weights layer Skylift writes itself (reproducible: same bytes, same digest anywhere). */
export const builtWeightsSchema = z.object({
  /** skylift-weights:<weights hash>-<deps image>: the image the variant's code image starts FROM. */
  image: z.string(),
  /** The layer's diff_id (sha256 of the uncompressed layer tar). */
  layerDigest: z.string(),
  bytes: z.number(),
  files: z.number().int(),
  /** True when an existing weights image was used and no weights byte was read or sent. */
  reused: z.boolean(),
});
export type BuiltWeights = z.infer<typeof builtWeightsSchema>;

export const builtVariantSchema = z.object({
  variant: targetNameSchema,
  tag: z.string(),
  imageId: z.string(),
  /** The registry digest once pushed; null for an image that exists only on this engine. */
  repoDigest: z.string().nullable(),
  sizeBytes: z.number(),
  architecture: z.string(),
  os: z.string(),
  largestLayers: z.array(layerSchema),
  cacheHits: z.number().int(),
  steps: z.number().int(),
  builder: z.enum(['buildkit', 'classic']),
  preflight: targetPreflightSchema,
  plan: variantPlanSchema,
  /** Null when the variant has no weights or builds from an ejected Dockerfile (weights then go through the context); absent in results stored before weights layers. */
  weights: builtWeightsSchema.nullable().default(null),
});
export type BuiltVariant = z.infer<typeof builtVariantSchema>;

export const buildResultSchema = z.object({ project: z.string(), variants: z.array(builtVariantSchema) });
export type BuildResult = z.infer<typeof buildResultSchema>;

export const variantChoiceSchema = z.union([targetNameSchema, z.literal('all')]);

export const buildRequestSchema = z
  .object({
    dir: z.string().min(1, 'Choose a project folder'),
    variant: variantChoiceSchema.default('all'),
    baseImage: z.string().min(1).optional(),
    platform: z.enum(['linux/amd64', 'linux/arm64']).optional(),
    buildArgs: z.record(z.string(), z.string()).default({}),
    /** Rebuild every layer, ignoring the engine's cache. */
    noCache: z.boolean().default(false),
    /** auto: BuildKit where the engine defaults to it (Docker 23+), the classic builder otherwise. */
    builder: z.enum(['auto', 'buildkit', 'classic']).default('auto'),
  })
  .strict();
export type BuildRequest = z.infer<typeof buildRequestSchema>;
export type BuildRequestInput = z.input<typeof buildRequestSchema>;

export const sampleSchema = z.object({ name: z.string(), title: z.string(), description: z.string() });
