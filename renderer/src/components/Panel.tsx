import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  children: ReactNode;
  className?: string;
}

/** A titled group of related facts or fields, labelled by its heading for assistive technology. */
export function Panel({ title, children, className }: PanelProps) {
  const headingId = useId();
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
