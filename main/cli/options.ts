import { InvalidArgumentError, Option } from 'commander';
import { startupTimeoutSecondsSchema } from '../../shared/contract';
import { targetNames } from '../core/targets/registry';

/** --variant, its choices the registry's targets. */
export const variantOption = () => new Option('--variant <variant>', 'which built variant').choices(targetNames()).default('local');

/** build's --variant: one target from the registry, or all that skylift.yaml names. */
export const buildVariantOption = () => new Option('--variant <variant>', 'which variant to build').choices([...targetNames(), 'all']).default('all');

/** Overrides Settings → Local test's startup deadline for one command (HTTP variants; Lambda's init follows Lambda's rule). */
export const startupTimeoutOption = () =>
  new Option('--startup-timeout <seconds>', "how long the model may take to load before the command fails (default: Settings' startup deadline)").argParser(parseStartupTimeout);

function parseStartupTimeout(value: string): number {
  const parsed = startupTimeoutSecondsSchema.safeParse(Number(value));
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'Enter a whole number of seconds'}.`);
  return parsed.data;
}
