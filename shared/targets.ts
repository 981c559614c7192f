/**
 * The targets Skylift knows, as data: names, labels, what kind of place each is and how it is
 * called. The renderer and the CLI list targets from here; behaviour lives in each target's module
 * (main/core/targets/<name>/), whose registry builds on this list. Nothing else compares names.
 */
export const TARGET_NAMES = ['local', 'aws-lambda', 'azure-functions'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface TargetInfo {
  name: TargetName;
  label: string;
  /** local: runs on this machine only. cloud: the image is meant for a cloud platform (and runs locally under its protocol). */
  kind: 'local' | 'cloud';
  /** How a request reaches the variant: Lambda's Invoke (a UTF-8 JSON event), or plain HTTP. */
  protocol: 'lambda-invoke' | 'http';
  /** Whether skylift.yaml may name it in `deployments:` (Skylift can publish to it). */
  deployable: boolean;
}

export const TARGET_INFO: { readonly [N in TargetName]: TargetInfo & { name: N } } = {
  local: { name: 'local', label: 'Local', kind: 'local', protocol: 'http', deployable: false },
  'aws-lambda': { name: 'aws-lambda', label: 'AWS Lambda', kind: 'cloud', protocol: 'lambda-invoke', deployable: true },
  'azure-functions': { name: 'azure-functions', label: 'Azure Functions', kind: 'cloud', protocol: 'http', deployable: false },
};

export const targetInfo = (name: TargetName): TargetInfo => TARGET_INFO[name];

export const TARGET_LIST: readonly TargetInfo[] = TARGET_NAMES.map(targetInfo);

/** Targets a `deployments:` entry may name, in TARGET_NAMES order. */
export const DEPLOYABLE_TARGETS: readonly TargetName[] = TARGET_LIST.filter((t) => t.deployable).map((t) => t.name);

/** Whether a request to this variant is a Lambda Invoke event (UTF-8 JSON, 6 MB, environments per concurrent request). */
export const invokesLikeLambda = (name: TargetName): boolean => TARGET_INFO[name].protocol === 'lambda-invoke';
