import { useId, type ReactNode } from 'react';
import { FieldNotes, describedByFor } from '../FieldNotes';

interface SecretFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  /** A PEM is many lines, so it gets a text area; it is still never prefilled. */
  multiline?: boolean;
  placeholder?: string;
}

/** A write-only secret input: masked, never autofilled or spell-checked, empty until the user types. */
export function SecretField({ label, value, onChange, error, hint, multiline, placeholder }: SecretFieldProps) {
  const id = useId();
  const describedBy = describedByFor(id, hint, error);
  const common = {
    id,
    value,
    placeholder,
    spellCheck: false,
    autoComplete: 'off',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea {...common} className="input input-area" rows={8} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} className="input" type="password" onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}
