import { describe, expect, it } from 'vitest';
import { InvokeApiError } from './aws-errors';
import { resolveFunctionRef } from './function-ref';

const settings = { functionName: 'iris', memoryMb: 512, timeoutSeconds: 10 };
const errorOf = (ref: string, qualifier: string | null = null) => {
  try {
    resolveFunctionRef(ref, qualifier, settings);
    return null;
  } catch (error) {
    return error as InvokeApiError;
  }
};

describe('resolveFunctionRef', () => {
  it('accepts the name, the full ARN and partial ARNs, with or without $LATEST, as Lambda does', () => {
    for (const ref of ['iris', 'iris:$LATEST', 'arn:aws:lambda:us-east-1:000000000000:function:iris', 'arn:aws:lambda:us-east-1:000000000000:function:iris:$LATEST', '000000000000:function:iris', 'us-east-1:000000000000:function:iris', 'function:iris']) {
      expect(errorOf(ref), ref).toBeNull();
    }
    expect(errorOf('iris', '$LATEST')).toBeNull();
  });

  it('answers ResourceNotFoundException with the ARN Lambda would name for another function, account, region or version', () => {
    expect(errorOf('other')).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException', message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:other' });
    expect(errorOf('arn:aws:lambda:eu-west-1:000000000000:function:iris')?.message).toBe('Function not found: arn:aws:lambda:eu-west-1:000000000000:function:iris');
    expect(errorOf('123456789012:function:iris')?.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:iris');
    expect(errorOf('iris:live')?.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:iris:live');
    expect(errorOf('iris', '7')?.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:iris:7');
    expect(errorOf('iris')).toBeNull();
  });

  it('refuses a qualifier in the name that contradicts the Qualifier parameter', () => {
    expect(errorOf('iris:$LATEST', 'live')).toMatchObject({ status: 400, errorType: 'InvalidParameterValueException' });
  });

  it('answers ValidationException for names outside the model pattern or length', () => {
    expect(errorOf('bad name!')).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(errorOf('')).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(errorOf('a'.repeat(257))).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(errorOf('iris', 'bad/qualifier')).toMatchObject({ status: 400, errorType: 'ValidationException' });
  });

  it('is linear on a long hostile name (no regex backtracking blow-up)', () => {
    const hostile = `${'1'.repeat(12)}:`.repeat(20) + '!';
    const started = performance.now();
    expect(errorOf(hostile.slice(0, 256))?.errorType).toBe('ValidationException');
    expect(performance.now() - started).toBeLessThan(5_000); // a "no hang" bound, not a speed target
  });
});
