import { useId } from 'react';
import type { TargetName } from '../../../../shared/project/schema';
import { VARIANT_LABEL } from '../deploy/variant-labels';

interface VariantSelectProps {
  value: TargetName;
  variants: readonly TargetName[];
  onChange: (variant: TargetName) => void;
  /** Why the choice is fixed now (a run is going), or null. */
  lockedBy: string | null;
}

/** Which of the project's targets to run and bench, under its own protocol. */
export function VariantSelect({ value, variants, onChange, lockedBy }: VariantSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Target
      </label>
      <select id={id} className="input select" value={value} data-testid="test-variant" disabled={lockedBy !== null} aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value as TargetName)}>
        {variants.map((variant) => (
          <option key={variant} value={variant}>
            {VARIANT_LABEL[variant]}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {lockedBy ?? 'Runs the image built for this target, locally, the way its cloud calls it.'}
      </p>
    </div>
  );
}
