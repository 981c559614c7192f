import { useId } from 'react';
import type { BenchDraft } from './bench-form';

const MODES: Array<{ value: BenchDraft['mode']; label: string; hint: string }> = [
  { value: 'closed', label: 'Closed loop', hint: 'A fixed number of requests, a few at a time: the best the variant can do.' },
  { value: 'open', label: 'Open loop', hint: 'A steady arrival rate, as real traffic comes: shows queueing when it cannot keep up.' },
];

/** Closed or open loop, as radio buttons (arrow keys move between them). */
export function LoadModeChoice({ value, onChange }: { value: BenchDraft['mode']; onChange: (mode: BenchDraft['mode']) => void }) {
  const id = useId();
  return (
    <fieldset className="kind-choice">
      <legend className="field-label">Load</legend>
      <div className="kind-options">
        {MODES.map((mode) => (
          <div className="kind-option" key={mode.value}>
            <input type="radio" id={`${id}-${mode.value}`} name={`${id}-mode`} value={mode.value} checked={value === mode.value}
              data-testid={`bench-mode-${mode.value}`} aria-describedby={`${id}-${mode.value}-hint`} onChange={() => onChange(mode.value)} />
            <label htmlFor={`${id}-${mode.value}`}>{mode.label}</label>
            <p className="field-hint" id={`${id}-${mode.value}-hint`}>
              {mode.hint}
            </p>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
