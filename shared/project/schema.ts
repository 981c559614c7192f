import { z } from 'zod';

export const FRAMEWORKS = ['torch', 'tensorflow', 'onnx', 'sklearn', 'none'] as const;
export const TARGETS = ['local', 'aws-lambda', 'azure-functions'] as const;
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;

export const frameworkSchema = z.enum(FRAMEWORKS);
export const targetNameSchema = z.enum(TARGETS);
export const architectureSchema = z.enum(ARCHITECTURES);
export type Framework = z.infer<typeof frameworkSchema>;
export type TargetName = z.infer<typeof targetNameSchema>;
export type Architecture = z.infer<typeof architectureSchema>;

const modelRef = z
  .string()
  .regex(/^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/, 'Write the model class as module:Class, e.g. model:Classifier');

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'Use a path inside the project folder');

/** Per-target overrides of the project-wide choices. */
export const targetOverridesSchema = z
  .object({
    baseImage: z.string().min(1).optional(),
    gpu: z.boolean().optional(),
    architecture: architectureSchema.optional(),
    /** aws-lambda: function memory, mirrored locally as the container's memory and CPU share. local, azure-functions: the container's memory limit. */
    memoryMb: z.number().int().min(128).max(10240).optional(),
    /** aws-lambda: function timeout. local, azure-functions: each request's deadline (main/core/run/http-deadlines.ts has the defaults). */
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
  })
  .strict();
export type TargetOverrides = z.infer<typeof targetOverridesSchema>;

/**
 * The project name becomes the image repository (skylift/<name>), the Lambda function name and
 * the Azure app name. Docker's grammar for a path component is lowercase alphanumerics joined by
 * one separator: ".", "_", "__" or dashes, never at either end. Skylift allows only the dash
 * separator (Lambda refuses ".", Azure refuses "." and "_"), so every name it accepts Docker does.
 */
export const PROJECT_NAME_PATTERN = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
export const PROJECT_NAME_MAX = 63;
export const PROJECT_NAME_RULE = `lowercase letters and digits, joined by dashes, starting and ending with a letter or digit, at most ${PROJECT_NAME_MAX} characters (e.g. iris-classifier); it becomes the image name`;
export const projectNameSchema = z
  .string()
  .max(PROJECT_NAME_MAX, `Too long: use ${PROJECT_NAME_RULE}`)
  .regex(PROJECT_NAME_PATTERN, `Use ${PROJECT_NAME_RULE}`);

/** skylift.yaml: everything Skylift needs to build, test and publish one model. */
export const projectConfigSchema = z
  .object({
    name: projectNameSchema,
    python: z.string().regex(/^3\.\d{1,2}$/, 'Write the Python version as 3.X, e.g. "3.11"'),
    framework: z
      .object({ name: frameworkSchema, version: z.string().min(1).optional() })
      .strict()
      .refine((f) => f.name === 'none' || f.version !== undefined, { message: 'Give the framework version, e.g. version: "2.3.1"', path: ['version'] }),
    requirements: relativePath.optional(),
    systemPackages: z.array(z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'Not a Debian package name')).default([]),
    model: modelRef,
    weights: z.array(relativePath).default([]),
    gpu: z.boolean().default(false),
    targets: z
      .object({
        local: targetOverridesSchema.optional(),
        'aws-lambda': targetOverridesSchema.optional(),
        'azure-functions': targetOverridesSchema.optional(),
      })
      .strict()
      .refine((t) => Object.keys(t).length > 0, 'Name at least one target: local, aws-lambda or azure-functions'),
  })
  .strict();

export type ProjectConfig = z.infer<typeof projectConfigSchema>;
export type ProjectConfigInput = z.input<typeof projectConfigSchema>;
