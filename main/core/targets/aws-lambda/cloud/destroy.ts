import type { CloudOperations } from '../../cloud';
import { notYet } from './not-yet';

export const destroyPlan: CloudOperations['destroyPlan'] = async () => notYet('Planning a destroy');
export const destroyDeployment: CloudOperations['destroy'] = async () => notYet('Destroying a Lambda deployment');
