import { useId, type ReactNode } from 'react';
import { FieldNotes, describedByFor } from './FieldNotes';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  placeholder?: string;
  numeric?: boolean;
  /** Narrow inputs for ports and the like. */
  short?: boolean;
  /** data-testid on the input itself, for end-to-end tests. */
  testId?: string;
  /** Enter in the field runs this (for fields not inside a form of their own). */
  onEnter?: () => void;
}

/** A labelled text input whose hint and error are tied to it for screen readers. */
export function TextField({ label, value, onChange, hint, error, placeholder, numeric, short, testId, onEnter }: TextFieldProps) {
  const id = useId();
  const describedBy = describedByFor(id, hint, error);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={short ? 'input input-short' : 'input'}
        type="text"
        value={value}
        placeholder={placeholder}
        inputMode={numeric ? 'numeric' : undefined}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && onEnter) {
            event.preventDefault();
            onEnter();
          }
        }}
      />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}
