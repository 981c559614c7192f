import { describeEnvironments } from '../../../../shared/bench/environments';
import type { BenchRun, ImageDigest } from '../../../../shared/contract';
import { Facts } from '../Facts';
import { PathText } from '../PathText';
import { ImageCell } from './ImageCell';
import { formatExtras, formatLoad, formatWhen, formatWhenFull, runTargetText } from './run-format';
import { RunTags } from './RunTags';
import { RunCostFact } from './RunCost';
import { wireSummary } from '../publish/publish-format';
import { RunStateBadge } from './RunStateBadge';

/** "sha256:1a2b3c4d5e6f (repository digest)": which bytes ran, and whether the digest is one a registry gave. */
const describeDigest = ({ digest, source }: ImageDigest) => `${digest.slice(0, 19)} (${source === 'repo-digest' ? 'repository digest' : 'local image id, never pushed'})`;

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
          { label: 'Started', value: <time dateTime={run.createdAt} title={formatWhenFull(run.createdAt)} data-testid="run-started">{formatWhen(run.createdAt)}</time> },
          ...(run.note ? [{ label: 'Note', value: <span className="run-note" data-testid="run-fact-note">{run.note}</span> }] : []),
          ...(run.tags?.length ? [{ label: 'Tags', value: <RunTags tags={run.tags} /> }] : []),
          { label: 'Project', value: <PathText text={run.projectDir} />, code: true },
          { label: 'Target', value: <span data-testid="run-target">{runTargetText(run.target)}</span> },
          ...(run.target.kind === 'cloud' ? [{ label: 'Function', value: run.target.functionArn, code: true }] : []),
          { label: 'Kind', value: run.runKind },
          { label: 'Image', value: <ImageCell run={run} /> },
          ...(run.imageDigest ? [{ label: 'Digest', value: <span title={run.imageDigest.digest}>{describeDigest(run.imageDigest)}</span> }] : []),
          { label: 'Load', value: `${formatLoad(settings.load)}; ${formatExtras(settings)}` },
          ...(run.cost ? [{ label: 'Cost per 1M', value: <RunCostFact cost={run.cost} /> }] : []),
          ...(run.wire
            ? [{ label: 'Wire overhead', value: <span data-testid="run-wire" title={`Measured against ${run.wire.endpoint}; not part of the latency figures`}>{wireSummary(run.wire)}</span> }]
            : []),
          { label: 'Payloads', value: settings.payloads.length > 0 ? settings.payloads.join(', ') : 'the first sample payload' },
          ...(run.environments ? [{ label: 'Environments', value: <span data-testid="run-environments">{describeEnvironments(run.environments)}</span> }] : []),
          ...(run.summary?.partial ? [{ label: 'Partial', value: `The numbers cover the ${(run.summary.warm?.count ?? 0).toLocaleString()} requests measured before the bench stopped.` }] : []),
          ...(run.failure ? [{ label: 'Why it stopped', value: <span data-testid="run-failure">{run.failure.message}</span> }] : []),
        ]}
      />
    </section>
  );
}
