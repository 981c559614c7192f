import { useId } from 'react';
import type { TargetName } from '../../../../shared/project/schema';
import { VARIANT_LABEL } from '../deploy/variant-labels';

interface VariantSelectProps {
  value: TargetName;
  /** The built variants: only these can run. */
  variants: readonly TargetName[];
  /** Variants skylift.yaml names that have no image yet. */
  missing: readonly TargetName[];
  onChange: (variant: TargetName) => void;
  onBuild: () => void;
  /** Why the choice is fixed now (a run is going), or null. */
  lockedBy: string | null;
}

/** Which of the project's built targets to run and bench, under its own protocol; the unbuilt ones lead back to Build. */
export function VariantSelect({ value, variants, missing, onChange, onBuild, lockedBy }: VariantSelectProps) {
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
      {missing.length > 0 && (
        <p className="field-hint" data-testid="test-unbuilt">
          Not built yet: {missing.map((v) => VARIANT_LABEL[v]).join(', ')}.{' '}
          <button type="button" className="button button-small" data-testid="test-build-missing" onClick={onBuild}>
            Build {missing.length === 1 ? 'it' : 'them'}
          </button>
        </p>
      )}
    </div>
  );
}
