import type { ReactNode } from 'react';

/** The ids a field's input points at with aria-describedby: its hint and its error, when shown. */
export function describedByFor(id: string, hint?: ReactNode, error?: ReactNode): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** What is wrong with a field, then how to fill it in, under its input. */
export function FieldNotes({ id, error, hint }: { id: string; error?: ReactNode; hint?: ReactNode }) {
  return (
    <>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  );
}
