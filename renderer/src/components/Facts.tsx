import type { ReactNode } from 'react';
import { PathText } from './PathText';

export interface Fact {
  label: string;
  value: ReactNode;
  /** Monospace for paths, URLs and versions. */
  code?: boolean;
  testId?: string;
}

/** Label/value rows, as a description list. */
export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div className="fact" key={fact.label}>
          <dt>{fact.label}</dt>
          <dd className={fact.code ? 'mono' : undefined} data-testid={fact.testId}>
            {fact.code && typeof fact.value === 'string' ? <PathText text={fact.value} /> : fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
