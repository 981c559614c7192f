import { Placeholder } from '../components/Placeholder';

export function RunsPage() {
  return (
    <Placeholder title="Runs">
      Here you will find your bench runs with their latency charts, and compare local runs against
      cloud runs side by side.
    </Placeholder>
  );
}
