import { TARGET_NAMES, type TargetName } from '../../../shared/targets';
import { awsLambdaTarget } from './aws-lambda';
import { azureFunctionsTarget } from './azure-functions';
import { localTarget } from './local';
import type { TargetModule } from './target';

/** Every target's module, keyed by name; the type makes a missing one a compile error. */
const MODULES: { readonly [N in TargetName]: TargetModule<N> } = {
  local: localTarget,
  'aws-lambda': awsLambdaTarget,
  'azure-functions': azureFunctionsTarget,
};

/** The module that decides how this target builds, checks and runs its variant. */
export const targetModule = <N extends TargetName>(name: N): TargetModule<N> => MODULES[name];

/** All target modules, in shared/targets.ts order (the order lists and CLI choices show). */
export const targetModules = (): TargetModule[] => TARGET_NAMES.map((name) => MODULES[name]);

/** The names the CLI offers for --variant. */
export const targetNames = (): readonly TargetName[] => TARGET_NAMES;
