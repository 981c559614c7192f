import { describe, expect, it } from 'vitest';
import { projectConfigSchema, type TargetOverrides } from '../../../shared/project/schema';
import { requestDeadline } from './http-deadlines';

const config = (local: TargetOverrides = {}, azure: TargetOverrides = {}) =>
  projectConfigSchema.parse({ name: 'd', python: '3.11', framework: { name: 'none' }, model: 'model:M', targets: { local, 'azure-functions': azure } });

describe('requestDeadline', () => {
  it('defaults to 60 s for local and to Azure\'s 230 s HTTP limit for azure-functions, and says so', () => {
    expect(requestDeadline(config(), 'local')).toEqual({ ms: 60_000, source: 'the local default', cappedByAzure: false });
    expect(requestDeadline(config(), 'azure-functions')).toEqual({ ms: 230_000, source: 'the azure-functions default', cappedByAzure: false });
  });

  it('takes targets.<variant>.timeoutSeconds, and caps Azure at 230 s as Azure does', () => {
    expect(requestDeadline(config({ timeoutSeconds: 5 }), 'local')).toEqual({ ms: 5000, source: 'targets.local.timeoutSeconds', cappedByAzure: false });
    expect(requestDeadline(config({}, { timeoutSeconds: 600 }), 'azure-functions')).toEqual({ ms: 230_000, source: 'targets.azure-functions.timeoutSeconds', cappedByAzure: true });
    expect(requestDeadline(config({}, { timeoutSeconds: 20 }), 'azure-functions').ms).toBe(20_000);
  });
});
