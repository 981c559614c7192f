/** No runs yet: how to make one, in the UI or from a terminal. */
export function RunsEmpty() {
  return (
    <div className="placeholder" data-testid="runs-empty">
      <p className="placeholder-status">No bench runs yet</p>
      <p>
        Make one in <a href="#/deploy">Deploy</a> → Test → Bench, or from a terminal with <code>skylift bench DIR</code>. Each run keeps every
        request's latency, so you can chart it here and compare runs side by side.
      </p>
    </div>
  );
}
