import { InvalidArgumentError, Option } from 'commander';
import { startupTimeoutSecondsSchema } from '../../shared/contract';
import { targetNameSchema } from '../../shared/project/schema';

/** --variant, its choices taken from the schema's target names. */
export const variantOption = () => new Option('--variant <variant>', 'which built variant').choices(targetNameSchema.options).default('local');

/** Overrides Settings → Local test's startup deadline for one command (HTTP variants; Lambda's init follows Lambda's rule). */
export const startupTimeoutOption = () =>
  new Option('--startup-timeout <seconds>', "how long the model may take to load before the command fails (default: Settings' startup deadline)").argParser(parseStartupTimeout);

function parseStartupTimeout(value: string): number {
  const parsed = startupTimeoutSecondsSchema.safeParse(Number(value));
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'Enter a whole number of seconds'}.`);
  return parsed.data;
}
