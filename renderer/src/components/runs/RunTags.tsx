import './runs.css';
/** A run's tags as small labels; nothing when it has none. */
export function RunTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <span className="run-tags">
      <span className="visually-hidden">Tags: </span>
      {tags.map((tag) => (
        <span key={tag} className="run-tag" data-testid="run-tag">
          {tag}
        </span>
      ))}
    </span>
  );
}
