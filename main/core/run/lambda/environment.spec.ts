import { describe, expect, it } from 'vitest';
import { lambdaEnvironment, logStreamName } from './environment';

const SETTINGS = { functionName: 'iris', memoryMb: 512, timeoutSeconds: 30 };
const NOW = new Date('2026-12-05T23:10:00Z');

describe('lambdaEnvironment', () => {
  it("sets every variable Lambda defines for a container image, with Lambda's values", () => {
    const env = lambdaEnvironment({ ...SETTINGS, region: 'eu-west-1' }, { cmd: ['app.handler'], env: [], workingDir: '' }, '172.18.0.1:9001', NOW);
    expect(env).toEqual({
      AWS_LAMBDA_RUNTIME_API: '172.18.0.1:9001',
      _HANDLER: 'app.handler',
      AWS_EXECUTION_ENV: 'AWS_Lambda_Image',
      AWS_LAMBDA_FUNCTION_NAME: 'iris',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/iris',
      AWS_LAMBDA_LOG_STREAM_NAME: expect.stringMatching(/^2026\/12\/05\/\[\$LATEST\][0-9a-f]{32}$/),
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: '/var/task',
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      LANG: 'en_US.UTF-8',
      PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
      LD_LIBRARY_PATH: '/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib',
    });
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
  });

  it("keeps the image's own paths and unreserved variables: that is where its code and libraries are", () => {
    const image = { cmd: [], env: ['PATH=/opt/skylift/venv/bin:/usr/bin', 'LANG=C.UTF-8', 'SKYLIFT_MODEL=model:Iris', 'LAMBDA_TASK_ROOT=/srv/fn'], workingDir: '/app' };
    const env = lambdaEnvironment(SETTINGS, image, 'h:1', NOW);
    expect(env).toMatchObject({ PATH: '/opt/skylift/venv/bin:/usr/bin', LANG: 'C.UTF-8', LAMBDA_TASK_ROOT: '/srv/fn', _HANDLER: 'model:Iris', AWS_REGION: 'us-east-1', TZ: ':UTC' });
    expect(lambdaEnvironment(SETTINGS, { ...image, env: [] }, 'h:1', NOW).LAMBDA_TASK_ROOT).toBe('/app');
  });

  it('names a fresh log stream per environment', () => {
    expect(logStreamName(NOW)).not.toBe(logStreamName(NOW));
  });
});
