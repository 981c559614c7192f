import { useEffect, useRef, type ReactNode } from 'react';
import type { ProfileSummary } from '../../../../shared/contract';

interface ReplaceSecretProps {
  profile: ProfileSummary;
  replacing: boolean;
  onReplace: (replace: boolean) => void;
  /** The empty secret inputs, shown only while replacing. */
  children: ReactNode;
}

const WHAT: Partial<Record<ProfileSummary['kind'], string>> = {
  'aws-static': 'key pair',
  'azure-client-secret': 'client secret',
  'azure-client-certificate': 'certificate',
};

/** An edit keeps the stored secret unless the user asks to replace it; the secret itself is never shown. */
export function ReplaceSecret({ profile, replacing, onReplace, children }: ReplaceSecretProps) {
  const what = WHAT[profile.kind] ?? 'secret';
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  // The button pressed disappears either way, so focus follows to what replaced it.
  useEffect(() => {
    if (!toggled.current) return;
    if (replacing) fieldsetRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
    else replaceRef.current?.focus();
  }, [replacing]);
  const toggle = (replace: boolean) => {
    toggled.current = true;
    onReplace(replace);
  };

  if (!replacing) {
    return (
      <div className="secret-kept" data-testid="profile-secret-kept">
        <p>
          {profile.maskedKeyId && (
            <>
              Access key ID <code>{profile.maskedKeyId}</code>.{' '}
            </>
          )}
          {profile.hasSecret ? `The stored ${what} is kept.` : `No ${what} is stored for this profile; replace it to use the profile.`}
        </p>
        <button ref={replaceRef} type="button" className="button button-small" onClick={() => toggle(true)}>
          Replace secret
        </button>
      </div>
    );
  }
  return (
    <fieldset ref={fieldsetRef} className="field-group secret-replace">
      <legend className="field-label">New {what}</legend>
      {children}
      <button type="button" className="button button-small" onClick={() => toggle(false)}>
        Keep the stored secret
      </button>
    </fieldset>
  );
}
