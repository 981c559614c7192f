import type { CallInput, OpenedProject } from '../../../../shared/contract';

type Variant = OpenedProject['variants'][number]['variant'];
export type VariantChoice = CallInput<'build', 'start'>['variant'] & string;
type BaseSource = NonNullable<OpenedProject['variants'][number]['plan']>['baseSource'];

export const VARIANT_LABEL: Record<Variant, string> = {
  local: 'Local',
  'aws-lambda': 'AWS Lambda',
  'azure-functions': 'Azure Functions',
};

export const VARIANT_CHOICES: Array<{ value: VariantChoice; label: string }> = [
  { value: 'all', label: 'All targets in skylift.yaml' },
  { value: 'local', label: VARIANT_LABEL.local },
  { value: 'aws-lambda', label: VARIANT_LABEL['aws-lambda'] },
  { value: 'azure-functions', label: VARIANT_LABEL['azure-functions'] },
];

export const BASE_SOURCE_LABEL: Record<BaseSource, string> = {
  'build-option': 'chosen for this build',
  'skylift.yaml': 'set in skylift.yaml',
  'compat-table': "Skylift's compatibility table",
  'ejected-dockerfile': 'the FROM line of your ejected Dockerfile',
};

/** "sha256:0123456789abcdef…" → "0123456789ab", as `docker images` shows it. */
export const shortImageId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
