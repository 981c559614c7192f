import type { ReactNode } from 'react';
import type { ErrorDescription } from './describe-error';
import { RichText } from './RichText';

interface ErrorAlertProps {
  error: ErrorDescription;
  title?: string;
  testId?: string;
  children?: ReactNode;
}

/** A failure as a user should see it: what went wrong and what to do, never a stack trace. */
export function ErrorAlert({ error, title, testId, children }: ErrorAlertProps) {
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      {title && <p className="alert-title">{title}</p>}
      <p className="alert-message">
        <RichText text={error.message} />
      </p>
      {error.hint && (
        <p className="alert-hint">
          <RichText text={error.hint} />
        </p>
      )}
      {children}
    </div>
  );
}
