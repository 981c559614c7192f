import { TARGET_INFO } from '../../../../shared/targets';
import type { TargetModule } from '../target';
import { lambdaImage, lambdaPreflight } from './image';
import { lambdaSession } from './session';
import { lambdaCloud } from './cloud';
import { localRunCost } from './cloud/run-cost';

/** aws-lambda: a container image function; locally one environment under Lambda's runtime API; its cloud operations publish to Lambda. */
export const awsLambdaTarget: TargetModule<'aws-lambda'> = {
  info: TARGET_INFO['aws-lambda'],
  image: lambdaImage,
  preflight: lambdaPreflight,
  session: lambdaSession,
  cloud: lambdaCloud,
  runCost: localRunCost,
};
