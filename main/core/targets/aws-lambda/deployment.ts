import type { AwsLambdaDeployment } from '../../../../shared/project/deployments';
import type { ProjectConfig } from '../../../../shared/project/schema';

/** The function a deployment publishes to: its own `function:`, else the project's name (a valid Lambda name by the name rule). */
export const lambdaFunctionName = (config: ProjectConfig, deployment: AwsLambdaDeployment): string => deployment.function ?? config.name;
