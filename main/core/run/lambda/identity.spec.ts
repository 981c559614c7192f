import { describe, expect, it } from 'vitest';
import { functionArn, newTraceId } from './identity';

describe('newTraceId', () => {
  it('is an X-Ray trace header: Root=1-{8 hex epoch seconds}-{24 hex};Parent={16 hex};Sampled=0', () => {
    const epochMs = Date.UTC(2024, 4, 1, 12, 0, 0, 999);
    const trace = newTraceId(epochMs);
    expect(trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(parseInt(trace.slice('Root=1-'.length, 'Root=1-'.length + 8), 16)).toBe(Math.floor(epochMs / 1000));
  });

  it('is different every time', () => {
    const now = Date.now();
    expect(newTraceId(now)).not.toBe(newTraceId(now));
  });
});

describe('functionArn', () => {
  it('defaults to us-east-1 and account 000000000000', () => {
    expect(functionArn({ functionName: 'iris', memoryMb: 1024, timeoutSeconds: 3 })).toBe('arn:aws:lambda:us-east-1:000000000000:function:iris');
  });

  it('uses the region and account given, in their partition', () => {
    expect(functionArn({ functionName: 'iris', memoryMb: 1024, timeoutSeconds: 3, region: 'eu-west-1', accountId: '123456789012' })).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:iris',
    );
    expect(functionArn({ functionName: 'f', memoryMb: 128, timeoutSeconds: 3, region: 'cn-north-1' })).toMatch(/^arn:aws-cn:lambda:cn-north-1:/);
    expect(functionArn({ functionName: 'f', memoryMb: 128, timeoutSeconds: 3, region: 'us-gov-west-1' })).toMatch(/^arn:aws-us-gov:lambda:us-gov-west-1:/);
  });
});
