import type { CloudOperations } from '../../cloud';
import { applyDeploy } from './apply';
import { benchDeployment } from './bench';
import { destroyDeployment, destroyPlan } from './destroy';
import { functionNameOf } from './lambda-context';
import { planDeploy } from './plan';
import { rollbackDeployment } from './rollback';
import { verifyDeployment } from './verify';

/** Lambda's cloud operations, one file each (see main/core/targets/cloud.ts for what each does). */
export const lambdaCloud: CloudOperations = {
  names: (context) => ({ functionName: functionNameOf(context), alias: context.deployment.alias }),
  plan: planDeploy,
  apply: applyDeploy,
  verify: verifyDeployment,
  rollback: rollbackDeployment,
  destroyPlan,
  destroy: destroyDeployment,
  bench: benchDeployment,
};
