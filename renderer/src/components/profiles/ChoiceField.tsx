import { useId } from 'react';
import { RichText } from '../RichText';

interface ChoiceFieldProps<T extends string> {
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string; description?: string }>;
  onChange: (value: T) => void;
  testId?: string;
}

/** Native radio buttons in a fieldset, so arrow keys move between choices as users expect. */
export function ChoiceField<T extends string>({ legend, value, options, onChange, testId }: ChoiceFieldProps<T>) {
  const name = useId();
  return (
    <fieldset className="kind-choice" data-testid={testId}>
      <legend className="field-label">{legend}</legend>
      <div className="kind-options">
        {options.map((option) => (
          <div className="kind-option" key={option.value}>
            <input
              type="radio"
              id={`${name}-${option.value}`}
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-describedby={option.description ? `${name}-${option.value}-description` : undefined}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
            {option.description && (
              <p className="field-hint" id={`${name}-${option.value}-description`}>
                <RichText text={option.description} />
              </p>
            )}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
