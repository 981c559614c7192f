import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FieldNotes, describedByFor } from '../FieldNotes';
import { useDirSuggestions } from './use-dir-suggestions';
import './path-field.css';

interface PathFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  placeholder?: string;
  testId: string;
  onEnter?: () => void;
}

/** A folder path typed on the server's file system, completed from its folders as a combobox. */
export function PathField({ label, value, onChange, hint, placeholder, testId, onEnter }: PathFieldProps) {
  const id = useId();
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useDirSuggestions(value, focused);
  const open = focused && suggestions.length > 0;
  const pick = (path: string) => {
    onChange(path);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (open && active >= 0 && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      pick(suggestions[active]);
    } else if (event.key === 'Escape') {
      setFocused(false);
    } else if (event.key === 'Enter' && onEnter) {
      event.preventDefault();
      onEnter();
    }
  };
  return (
    <div className="field path-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" type="text" value={value} placeholder={placeholder} spellCheck={false} autoComplete="off"
        role="combobox" aria-expanded={open} aria-controls={`${id}-list`} aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={describedByFor(id, hint)} data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value);
          setActive(-1);
          setFocused(true);
        }}
        onFocus={() => setFocused(true)} onBlur={() => setFocused(false)} onKeyDown={onKeyDown} />
      {open && (
        <ul className="path-suggestions" id={`${id}-list`} role="listbox" aria-label="Folders on the server" data-testid={`${testId}-suggestions`}>
          {suggestions.map((path, index) => (
            <li key={path} id={`${id}-option-${index}`} role="option" aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault() /* keep focus in the field */} onClick={() => pick(path)}>
              {path}
            </li>
          ))}
        </ul>
      )}
      <FieldNotes id={id} hint={hint} />
    </div>
  );
}
