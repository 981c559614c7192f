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
    /** aws-lambda: function memory, mirrored locally as the container's memory and CPU share. */
    memoryMb: z.number().int().min(128).max(10240).optional(),
    /** aws-lambda: function timeout. */
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
  })
  .strict();
export type TargetOverrides = z.infer<typeof targetOverridesSchema>;

/** skylift.yaml: everything Skylift needs to build, test and publish one model. */
export const projectConfigSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lowercase letters, digits and dashes (it becomes the image name)'),
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
