interface StatusBadgeProps {
  tone: 'ok' | 'bad' | 'neutral';
  children: string;
}

/** A word with a coloured dot; the word carries the meaning, the colour only reinforces it. */
export function StatusBadge({ tone, children }: StatusBadgeProps) {
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
