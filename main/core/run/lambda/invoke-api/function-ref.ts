import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, partitionOf } from '../identity';
import type { LambdaFunctionSettings } from '../types';
import { invalidParameter, notFound, validationError } from './aws-errors';

/** Lambda's NamespacedFunctionName pattern (lambda-service-2.json), with its parts named. */
const REGION = String.raw`(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d`;
const FUNCTION_REF = new RegExp(
  String.raw`^(?:arn:(?<partition>aws[a-zA-Z-]*)?:lambda:(?<arnRegion>${REGION}):(?<arnAccount>\d{12}):|(?:(?<region>${REGION}):)?(?:(?<account>\d{12}):)?)` +
    String.raw`(?:function:)?(?<name>[a-zA-Z0-9\-_.]+)(?::(?<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?$`,
);
const QUALIFIER = /^[a-zA-Z0-9$_-]*$/;
const MAX_REF_LENGTH = 256;
const MAX_QUALIFIER_LENGTH = 128;

/** The only version a local environment runs: the image as built, unpublished. */
export const LATEST = '$LATEST';

/**
 * Resolves Invoke's FunctionName (a name, a full ARN or a partial ARN, each with an optional
 * `:qualifier`) and the Qualifier query parameter to the local function, as Lambda does; throws
 * the error Lambda answers otherwise. Only $LATEST exists locally: versions and aliases are cloud things.
 */
export function resolveFunctionRef(ref: string, queryQualifier: string | null, settings: LambdaFunctionSettings): void {
  if (ref.length < 1 || ref.length > MAX_REF_LENGTH) throw validationError(`Value at 'functionName' failed to satisfy constraint: Member must have length between 1 and ${MAX_REF_LENGTH}`);
  const match = FUNCTION_REF.exec(ref);
  if (!match?.groups) throw validationError(`Value '${ref}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_REF.source}`);
  if (queryQualifier !== null && (queryQualifier.length < 1 || queryQualifier.length > MAX_QUALIFIER_LENGTH || !QUALIFIER.test(queryQualifier))) {
    throw validationError(`Value '${queryQualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`);
  }
  const { name, qualifier: refQualifier } = match.groups;
  if (refQualifier && queryQualifier !== null && refQualifier !== queryQualifier) throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  const region = match.groups.arnRegion ?? match.groups.region ?? settings.region ?? DEFAULT_REGION;
  const account = match.groups.arnAccount ?? match.groups.account ?? settings.accountId ?? DEFAULT_ACCOUNT_ID;
  const partition = match.groups.arnRegion ? (match.groups.partition ?? '') : partitionOf(region);
  const qualifier = refQualifier ?? queryQualifier ?? undefined;
  const ours = {
    partition: partitionOf(settings.region ?? DEFAULT_REGION),
    region: settings.region ?? DEFAULT_REGION,
    account: settings.accountId ?? DEFAULT_ACCOUNT_ID,
  };
  const sameFunction = name === settings.functionName && region === ours.region && account === ours.account && partition === ours.partition;
  if (sameFunction && (qualifier === undefined || qualifier === LATEST)) return;
  throw notFound(`arn:${partition || ours.partition}:lambda:${region}:${account}:function:${name}${qualifier ? `:${qualifier}` : ''}`);
}
