import { useState } from 'react';
import { CheckboxField } from '../CheckboxField';
import type { BuildOptions } from '../../hooks/use-build';
import { TextField } from '../TextField';
import { SelectField } from './SelectField';
import { VARIANT_CHOICES, type VariantChoice } from './variant-labels';

interface BuildFormProps {
  active: boolean;
  busy: 'start' | 'cancel' | null;
  /** Why Build cannot start now (unsaved edits), or null. */
  blockedBy: string | null;
  onStart: (options: BuildOptions) => void;
  onCancel: () => void;
}

/** What to build and from which base; Build while idle, Cancel while a build runs. */
export function BuildForm({ active, busy, blockedBy, onStart, onCancel }: BuildFormProps) {
  const [variant, setVariant] = useState<VariantChoice>('all');
  const [baseImage, setBaseImage] = useState('');
  const [noCache, setNoCache] = useState(false);
  const start = () => {
    if (active || busy || blockedBy) return;
    onStart({ variant, noCache, ...(baseImage.trim() ? { baseImage: baseImage.trim() } : {}) });
  };

  return (
    <div className="build-form">
      <div className="build-fields">
        <SelectField label="Target" value={variant} options={VARIANT_CHOICES} onChange={setVariant} testId="build-variant" />
        <TextField label="Base image (optional)" value={baseImage} onChange={setBaseImage} testId="build-base-image" onEnter={start}
          placeholder="from skylift.yaml or the compatibility table" hint="Overrides the base image for this build only." />
        <div className="form-actions build-actions">
          {active ? (
            <button type="button" className="button" data-testid="build-cancel" aria-busy={busy === 'cancel'} aria-disabled={busy !== null}
              onClick={onCancel}>
              {busy === 'cancel' ? 'Cancelling…' : 'Cancel build'}
            </button>
          ) : (
            <button type="button" className="button button-primary" data-testid="build-start" aria-busy={busy === 'start'}
              aria-disabled={busy !== null} disabled={Boolean(blockedBy)} onClick={start}>
              {busy === 'start' ? 'Starting…' : 'Build'}
            </button>
          )}
        </div>
      </div>
      <CheckboxField label="Rebuild every layer" checked={noCache} onChange={setNoCache}
        hint="Ignores the engine's build cache, e.g. to pick up a newer package from the index." />
      {blockedBy && <p className="field-hint">{blockedBy}</p>}
    </div>
  );
}
