import type { CloudOperations } from '../../cloud';
import { notYet } from './not-yet';

export const applyDeploy: CloudOperations['apply'] = async () => notYet('Publishing to Lambda');
