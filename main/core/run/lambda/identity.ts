import { randomBytes } from 'node:crypto';
import type { LambdaFunctionSettings } from './types';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** The partition a region lives in, so China and GovCloud regions get the ARN they would have there. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:aws:lambda:{region}:{account}:function:{name}`, what Lambda-Runtime-Invoked-Function-Arn carries. */
export function functionArn(settings: LambdaFunctionSettings): string {
  const region = settings.region ?? DEFAULT_REGION;
  return `arn:${partitionOf(region)}:lambda:${region}:${settings.accountId ?? DEFAULT_ACCOUNT_ID}:function:${settings.functionName}`;
}

/**
 * An X-Ray trace header as Lambda passes it in Lambda-Runtime-Trace-Id:
 * `Root=1-{epoch seconds, 8 hex}-{24 hex};Parent={16 hex};Sampled=0` (not sampled: nothing is sent to X-Ray).
 */
export function newTraceId(epochMs: number = Date.now()): string {
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
