import type { CloudOperations } from '../../cloud';
import { notYet } from './not-yet';

export const verifyDeployment: CloudOperations['verify'] = async () => notYet('Verifying a Lambda deployment');
