import type { CloudOperations } from '../../cloud';
import { applyDeploy } from './apply';
import { destroyDeployment, destroyPlan } from './destroy';
import { planDeploy } from './plan';
import { rollbackDeployment } from './rollback';
import { verifyDeployment } from './verify';

/** Lambda's cloud operations, one file each (see main/core/targets/cloud.ts for what each does). */
export const lambdaCloud: CloudOperations = {
  plan: planDeploy,
  apply: applyDeploy,
  verify: verifyDeployment,
  rollback: rollbackDeployment,
  destroyPlan,
  destroy: destroyDeployment,
};
