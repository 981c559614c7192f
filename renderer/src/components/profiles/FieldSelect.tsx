import { useId, type ReactNode } from 'react';
import { FieldNotes, describedByFor } from '../FieldNotes';

interface FieldSelectProps {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  /** The first, empty option, e.g. "Choose a profile…". */
  placeholder?: string;
}

/** A labelled native select whose hint and error are tied to it, as TextField does for inputs. */
export function FieldSelect({ label, value, options, onChange, error, hint, placeholder }: FieldSelectProps) {
  const id = useId();
  const describedBy = describedByFor(id, hint, error);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}
