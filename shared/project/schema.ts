import { z } from 'zod';
import { TARGET_NAMES, type TargetName } from '../targets';
import { deploymentsSchema } from './deployments';
import { awsLambdaSettingsSchema, azureFunctionsSettingsSchema, localSettingsSchema, type TargetSettings } from './target-settings';

export { ARCHITECTURES, architectureSchema, type Architecture } from './target-settings';
export type { TargetName } from '../targets';

export const FRAMEWORKS = ['torch', 'tensorflow', 'onnx', 'sklearn', 'none'] as const;
/** The target names, from shared/targets.ts (the one list). */
export const TARGETS = TARGET_NAMES;

export const frameworkSchema = z.enum(FRAMEWORKS);
export const targetNameSchema = z.enum(TARGETS);
export type Framework = z.infer<typeof frameworkSchema>;

const modelRef = z
  .string()
  .regex(/^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/, 'Write the model class as module:Class, e.g. model:Classifier');

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'Use a path inside the project folder');

/** One target's settings in skylift.yaml; each target has its own schema (target-settings.ts). */
export type TargetOverrides = TargetSettings;

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
        local: localSettingsSchema.optional(),
        'aws-lambda': awsLambdaSettingsSchema.optional(),
        'azure-functions': azureFunctionsSettingsSchema.optional(),
      })
      .strict()
      .refine((t) => Object.keys(t).length > 0, `Name at least one target: ${TARGETS.join(', ')}`),
    deployments: deploymentsSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A deployment publishes its target's image: the project must build that variant.
    for (const [name, deployment] of Object.entries(config.deployments ?? {})) {
      const target: TargetName = deployment.target;
      if (config.targets[target] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['deployments', name, 'target'], message: `Deployment ${name} publishes the ${target} variant, but targets has no ${target}: add "${target}: {}" under targets` });
      }
    }
  });

export type ProjectConfig = z.infer<typeof projectConfigSchema>;
export type ProjectConfigInput = z.input<typeof projectConfigSchema>;
