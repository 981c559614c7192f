import { z } from 'zod';
import type { TargetName } from '../targets';
import { lambdaPricingOverrideSchema } from '../cloud/lambda-pricing-override';

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export const architectureSchema = z.enum(ARCHITECTURES);
export type Architecture = z.infer<typeof architectureSchema>;

/**
 * What the function IS on each target (memory, timeout, architecture…), one schema per target:
 * each accepts only the fields that mean something there. WHERE it is deployed is `deployments:`.
 */
const imageChoices = {
  baseImage: z.string().min(1).optional(),
  gpu: z.boolean().optional(),
  architecture: architectureSchema.optional(),
};

/** local: an HTTP container on this machine. */
export const localSettingsSchema = z
  .object({
    ...imageChoices,
    /** The container's memory limit. */
    memoryMb: z.number().int().min(128).max(10240).optional(),
    /** Each request's deadline (main/core/run/http-deadlines.ts has the default). */
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
  })
  .strict();

/** azure-functions: a custom-handler container; locally the adapter alone, over HTTP. */
export const azureFunctionsSettingsSchema = z
  .object({
    ...imageChoices,
    /** The container's memory limit locally. */
    memoryMb: z.number().int().min(128).max(10240).optional(),
    /** Each request's deadline; Azure's front end cuts any response at 230 s whatever this says. */
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
  })
  .strict();

/** Lambda's rule for a variable name (the Lambda API model's EnvironmentVariableName). */
const LAMBDA_ENV_NAME = /^[a-zA-Z][a-zA-Z0-9_]+$/;
/** Set by Lambda itself; CreateFunction refuses them (Lambda docs, "Defined runtime environment variables"). */
export const LAMBDA_RESERVED_ENV = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
] as const;
/** Lambda's limit on all variables together (names and values, as UTF-8). */
export const LAMBDA_ENV_MAX_BYTES = 4 * 1024;

const lambdaEnvironment = z
  .record(z.string(), z.string())
  .superRefine((env, ctx) => {
    let bytes = 0;
    for (const [key, value] of Object.entries(env)) {
      if (!LAMBDA_ENV_NAME.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `"${key.slice(0, 60)}" is not a Lambda variable name: a letter, then letters, digits or _ (2+ characters)` });
      else if ((LAMBDA_RESERVED_ENV as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is set by Lambda itself; Lambda refuses it` });
      bytes += new TextEncoder().encode(key).length + new TextEncoder().encode(value).length;
    }
    if (bytes > LAMBDA_ENV_MAX_BYTES) ctx.addIssue({ code: 'custom', message: `The variables take ${bytes} bytes; Lambda allows ${LAMBDA_ENV_MAX_BYTES} in all (names and values)` });
  });

/** aws-lambda: the function's configuration, as CreateFunction/UpdateFunctionConfiguration take it, mirrored locally. */
export const awsLambdaSettingsSchema = z
  .object({
    baseImage: imageChoices.baseImage,
    /** Refused at plan time with a hint (Lambda has no GPUs); accepted here so the message can say why. */
    gpu: imageChoices.gpu,
    architecture: imageChoices.architecture,
    /** Function memory, mirrored locally as the container's memory and CPU share. */
    memoryMb: z.number().int().min(128).max(10240).optional(),
    /** Function timeout. */
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
    /** Size of /tmp. */
    ephemeralStorageMb: z.number().int().min(512).max(10240).optional(),
    /** The function's environment variables (also set on the local container). */
    environment: lambdaEnvironment.optional(),
    /** Prices of this project's own (a negotiated rate, a newer price) over resources/pricing/aws-lambda.json's, for cost per 1M. */
    pricing: lambdaPricingOverrideSchema.optional(),
  })
  .strict();

export const TARGET_SETTINGS_SCHEMAS = {
  local: localSettingsSchema,
  'aws-lambda': awsLambdaSettingsSchema,
  'azure-functions': azureFunctionsSettingsSchema,
} as const satisfies { [N in TargetName]: z.ZodType };

export type LocalSettings = z.infer<typeof localSettingsSchema>;
export type AzureFunctionsSettings = z.infer<typeof azureFunctionsSettingsSchema>;
export type AwsLambdaSettings = z.infer<typeof awsLambdaSettingsSchema>;
export type TargetSettings<N extends TargetName = TargetName> = z.infer<(typeof TARGET_SETTINGS_SCHEMAS)[N]>;
