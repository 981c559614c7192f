import { type AwsTestKey, DOUBLES_TEST_KEY } from './aws-auth';
import { type EcrDouble, startEcrDouble } from './aws-ecr';
import { type IamDouble, startIamDouble } from './aws-iam';
import { startStsDouble, type StsDouble } from './aws-sts';
import { type RegistryDouble, resolveImageUri, startRegistry } from './registry';

/**
 * Every AWS double Skylift publishes through, started together on loopback with one test key:
 * what `npm run doubles` runs by hand and what an end-to-end test can start in one call.
 */
export interface AwsDoubles {
  key: AwsTestKey;
  region: string;
  sts: StsDouble;
  registry: RegistryDouble;
  ecr: EcrDouble;
  iam: IamDouble;
  lambda?: { url: string; close(): Promise<void> };
  /** The endpoints by name, in the order `npm run doubles` prints them. */
  endpoints(): Array<[name: string, url: string]>;
  close(): Promise<void>;
}

/** Starts a Lambda double beside the others; given the running registry and IAM it depends on. */
export type LambdaStarter = (deps: { key: AwsTestKey; region: string; registry: RegistryDouble; iam: IamDouble; ecr: EcrDouble }) => Promise<{ url: string; close(): Promise<void> }>;

export async function startAwsDoubles(options: { region?: string; startLambda?: LambdaStarter; onRegistryExit?: (why: string) => void } = {}): Promise<AwsDoubles> {
  const key = DOUBLES_TEST_KEY;
  const region = options.region ?? 'us-east-1';
  const started: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    // Reverse order: the ECR API goes before the registry behind it.
    for (const part of started.reverse()) await part.close().catch(() => undefined);
  };
  try {
    const sts = await startStsDouble([key]);
    started.push(sts);
    const registry = await startRegistry({ onUnexpectedExit: options.onRegistryExit });
    started.push(registry);
    const ecr = await startEcrDouble({ registry, keys: [key], region });
    started.push(ecr);
    const iam = await startIamDouble({ keys: [key] });
    started.push(iam);
    const lambda = options.startLambda ? await options.startLambda({ key, region, registry, iam, ecr }) : undefined;
    if (lambda) started.push(lambda);
    return {
      key,
      region,
      sts,
      registry,
      ecr,
      iam,
      lambda,
      endpoints: () => [
        ...(lambda ? [['lambda', lambda.url] as [string, string]] : []),
        ['ecr', ecr.url],
        ['iam', iam.url],
        ['sts', sts.url],
        ['registry', registry.url],
      ],
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The command that adds a Skylift profile pointing at the doubles (the secret is a test value, safe to print). */
export function profileCommand(doubles: AwsDoubles, flags: { iamEndpoint: boolean }): string {
  const endpoint = (flag: string, url: string | undefined) => (url ? ` --${flag}-endpoint ${url}` : '');
  return (
    `printf '%s' '${doubles.key.secretAccessKey}' | skylift profiles add aws-static --name aws-doubles --region ${doubles.region}` +
    ` --access-key-id ${doubles.key.accessKeyId}` +
    endpoint('sts', doubles.sts.url) +
    endpoint('lambda', doubles.lambda?.url) +
    endpoint('ecr', doubles.ecr.url) +
    (flags.iamEndpoint ? endpoint('iam', doubles.iam.url) : '')
  );
}

/**
 * The options that join D2's Lambda double (test/doubles/aws-lambda.ts) to the others: the same
 * key, IAM's role creation times for the propagation delay, and images resolved in the registry.
 */
export function lambdaOptions(deps: Parameters<LambdaStarter>[0]) {
  return {
    identities: [deps.key],
    region: deps.region,
    roleCreatedAt: (roleArn: string) => deps.iam.roleCreatedAt(roleArn)?.getTime(),
    resolveImage: (imageUri: string) => resolveImageUri(deps.registry, imageUri),
  };
}
