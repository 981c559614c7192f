import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { targetNameSchema } from '../../shared/project/schema';
import { targetNames } from '../core/targets/registry';
import { buildVariantOption, variantOption } from './options';

describe('--variant', () => {
  it('offers the registry\'s targets (build adds all)', () => {
    expect(variantOption().argChoices).toEqual([...targetNames()]);
    expect(buildVariantOption().argChoices).toEqual([...targetNames(), 'all']);
    expect(targetNameSchema.options).toEqual([...targetNames()]);
  });

  it('is refused by commander when the registry does not list it', () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {} }).addOption(variantOption());
    expect(() => program.parse(['--variant', 'gcp-run'], { from: 'user' })).toThrow(/Allowed choices are local, aws-lambda, azure-functions/);
  });
});
