import type { CallInput, OpenedProject } from '../../../../shared/contract';
import { TARGET_LIST } from '../../../../shared/targets';

type Variant = OpenedProject['variants'][number]['variant'];
export type VariantChoice = CallInput<'build', 'start'>['variant'] & string;
type BaseSource = NonNullable<OpenedProject['variants'][number]['plan']>['baseSource'];

export const VARIANT_LABEL: Record<Variant, string> = Object.fromEntries(TARGET_LIST.map((t) => [t.name, t.label])) as Record<Variant, string>;

/** The build form's choices: every target (shared/targets.ts), or all that skylift.yaml names. */
export const VARIANT_CHOICES: Array<{ value: VariantChoice; label: string }> = [
  { value: 'all', label: 'All targets in skylift.yaml' },
  ...TARGET_LIST.map((t) => ({ value: t.name, label: t.label })),
];

export const BASE_SOURCE_LABEL: Record<BaseSource, string> = {
  'build-option': 'chosen for this build',
  'skylift.yaml': 'set in skylift.yaml',
  'compat-table': "Skylift's compatibility table",
  'ejected-dockerfile': 'the FROM line of your ejected Dockerfile',
};

/** "sha256:0123456789abcdef…" → "0123456789ab", as `docker images` shows it. */
export const shortImageId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
