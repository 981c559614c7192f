import type { CloudOperations } from '../../cloud';
import { notYet } from './not-yet';

export const rollbackDeployment: CloudOperations['rollback'] = async () => notYet('Rolling back a Lambda deployment');
