import { useEffect, useRef } from 'react';
import type { TargetName } from '../../../../shared/project/schema';
import type { BenchModel } from '../../hooks/use-bench';
import { VARIANT_LABEL } from '../deploy/variant-labels';
import { ErrorAlert } from '../ErrorAlert';
import { LogView } from '../log/LogView';
import { Panel } from '../Panel';
import { BenchForm } from './BenchForm';
import { BenchOutcome } from './BenchOutcome';
import { BenchProgress } from './BenchProgress';

interface BenchPanelProps {
  dir: string;
  variant: TargetName;
  bench: BenchModel;
  payloadNames: readonly string[];
}

/** Measure the variant under load in fresh containers of its own; the run is stored with every request's latency. */
export function BenchPanel({ dir, variant, bench, payloadNames }: BenchPanelProps) {
  const { snapshot } = bench;
  const job = snapshot?.job ?? null;
  const head = useRef<HTMLDivElement>(null);
  const started = useRef<string | null>(null);
  const phase = snapshot?.progress?.bench?.phase ?? null;
  // A bench that starts comes into view (just enough: Cancel above it stays in view), and again when
  // its live numbers appear, so they are not below the fold.
  useEffect(() => {
    const key = job ? `${job.id}:${phase}` : null;
    if (!job || key === started.current || (job.state !== 'queued' && job.state !== 'running')) return;
    started.current = key;
    head.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [job, phase]);
  return (
    <Panel title="Bench" className="bench">
      <p className="field-hint bench-intro">
        Benches the {VARIANT_LABEL[variant]} image in containers of its own, so a run above is left alone.
      </p>
      <BenchForm dir={dir} variant={variant} payloadNames={payloadNames} active={bench.active} busy={bench.busy} onStart={(request) => void bench.start(request)}
        onCancel={() => void bench.stop()} />
      {bench.failure && <ErrorAlert error={bench.failure.error} title={bench.failure.action === 'start' ? 'Bench not started' : 'Could not cancel'} testId="bench-start-error" />}
      {snapshot && job && (
        <section className="bench-run" aria-label="Latest bench">
          <div className="bench-run-head" ref={head}>
            <h3 className="subheading">{job.title}</h3>
            <BenchProgress state={job.state} step={snapshot.step} progress={snapshot.progress} run={bench.run} />
          </div>
          <BenchOutcome job={job} result={bench.result} run={bench.run} />
          <div className="log-compact">
            <LogView lines={snapshot.lines} count={snapshot.lineCount} label="Bench log" testId="bench-log"
              emptyText={snapshot.replaying ? 'Reading the log…' : 'Waiting for output…'} />
          </div>
        </section>
      )}
    </Panel>
  );
}
