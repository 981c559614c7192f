import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

interface PlaceholderProps {
  title: string;
  children: ReactNode;
}

/** A page that is planned but not built yet, saying plainly what it will hold. */
export function Placeholder({ title, children }: PlaceholderProps) {
  return (
    <>
      <PageHeader title={title} />
      <div className="placeholder">
        <p className="placeholder-status">Not available yet</p>
        <p>{children}</p>
        <p className="muted">
          Meanwhile, you can check the <a href="#/engine">Docker engine</a> or change where it is in{' '}
          <a href="#/settings">Settings</a>.
        </p>
      </div>
    </>
  );
}
