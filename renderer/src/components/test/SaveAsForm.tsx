import { useEffect, useRef, useState } from 'react';
import { TextField } from '../TextField';

interface SaveAsFormProps {
  busy: boolean;
  savedAs: string | null;
  /** Resolves to whether it was saved; the name field stays open when it was not. */
  onSave: (name: string) => Promise<boolean>;
}

/** "Save as…" opens a name field; Save keeps the request under that name for this project (Try it and Bench list it). */
export function SaveAsForm({ busy, savedAs, onSave }: SaveAsFormProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const formRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Focus follows the control that replaced the one just used.
  useEffect(() => {
    if (open) formRef.current?.querySelector('input')?.focus();
    else if (opened.current) openerRef.current?.focus();
    opened.current = open;
  }, [open]);

  const save = async () => {
    if (busy || !name.trim()) return;
    if (await onSave(name)) {
      setOpen(false);
      setName('');
    }
  };

  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="button" data-testid="test-save-as" ref={openerRef} onClick={() => setOpen(true)}>
          Save as…
        </button>
        {savedAs && (
          <span className="save-status" role="status">
            Saved as <code>{savedAs}</code>
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="save-as" ref={formRef}>
      <TextField label="Save as" value={name} onChange={setName} testId="test-save-name" placeholder="e.g. large-batch" onEnter={() => void save()}
        hint="Saved for this project; a payload of the same name is replaced." />
      <div className="form-actions save-as-actions">
        <button type="button" className="button" data-testid="test-save" aria-busy={busy} aria-disabled={busy || !name.trim()} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
