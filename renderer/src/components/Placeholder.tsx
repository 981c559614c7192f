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
      </div>
    </>
  );
}
