import type { CloudOperations } from '../../cloud';
import { notYet } from './not-yet';

export const planDeploy: CloudOperations['plan'] = async () => notYet('Planning a Lambda deployment');
