import { describeEnvironments } from '../../../../shared/bench/environments';
import type { BenchRun } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { PathText } from '../PathText';
import { ImageCell } from './ImageCell';
import { formatExtras, formatLoad, formatWhen } from './run-format';
import { RunStateBadge } from './RunStateBadge';

interface RunFactsCardProps {
  run: BenchRun;
  label: string;
  /** The run's colour in the charts, when runs are compared. */
  colour?: string;
}

/** What a run measured and how: project, target, image, load and when. */
export function RunFactsCard({ run, label, colour }: RunFactsCardProps) {
  const { settings } = run;
  return (
    <section className="panel run-facts" aria-label={`Run ${label}`}>
      <h3 className="run-facts-title">
        {colour && <span className="swatch" style={{ background: colour }} aria-hidden="true" />}
        {label}
      </h3>
      <Facts
        facts={[
          { label: 'State', value: <RunStateBadge run={run} /> },
          { label: 'Started', value: formatWhen(run.createdAt) },
          { label: 'Project', value: <PathText text={run.projectDir} />, code: true },
          { label: 'Target', value: run.target, code: true },
          { label: 'Image', value: <ImageCell run={run} /> },
          { label: 'Load', value: `${formatLoad(settings.load)}; ${formatExtras(settings)}` },
          { label: 'Payloads', value: settings.payloads.length > 0 ? settings.payloads.join(', ') : 'the first sample payload' },
          ...(run.environments ? [{ label: 'Environments', value: <span data-testid="run-environments">{describeEnvironments(run.environments)}</span> }] : []),
          ...(run.summary?.partial ? [{ label: 'Partial', value: `The numbers cover the ${(run.summary.warm?.count ?? 0).toLocaleString()} requests measured before the bench stopped.` }] : []),
          ...(run.failure ? [{ label: 'Why it stopped', value: <span data-testid="run-failure">{run.failure.message}</span> }] : []),
        ]}
      />
    </section>
  );
}
