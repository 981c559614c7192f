import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';
import { useBench } from '../../hooks/use-bench';
import { ErrorAlert } from '../ErrorAlert';
import { LogView } from '../log/LogView';
import { Panel } from '../Panel';
import { BenchForm } from '../test/BenchForm';
import { BenchOutcome } from '../test/BenchOutcome';
import { BenchProgress } from '../test/BenchProgress';
import { CompareLink } from './CompareLink';

/** Step four: the same bench as Test, sent to the deployment's alias; then local and Lambda side by side. */
export function CloudBenchPanel({ dir, deployment }: { dir: string; deployment: string }) {
  const bench = useBench(dir, deployment);
  const payloads = useAsync(() => skylift.api.payloads.list({ dir }));
  const { snapshot } = bench;
  const job = snapshot?.job ?? null;
  return (
    <Panel title="Bench in the cloud" className="bench cloud-bench">
      <p className="field-hint bench-intro">
        Invokes the alias of <code>{deployment}</code> through Lambda’s API; cold starts are forced by changing a marker variable, and the client’s own
        overhead and the round trip to the region are measured apart.
      </p>
      <BenchForm dir={dir} variant="aws-lambda" deployment={deployment} payloadNames={(payloads.data ?? []).map((p) => p.name)} active={bench.active}
        busy={bench.busy} onStart={(request) => void bench.start(request)} onCancel={() => void bench.stop()} />
      {bench.failure && <ErrorAlert error={bench.failure.error} title="Bench not started" testId="bench-start-error" />}
      {snapshot && job && (
        <section className="bench-run" aria-label="Latest cloud bench">
          <h3 className="subheading">{job.title}</h3>
          <BenchProgress state={job.state} step={snapshot.step} progress={snapshot.progress} />
          <BenchOutcome job={job} result={bench.result} run={bench.run} />
          {bench.run && bench.run.summary?.warm && <CompareLink cloudRun={bench.run} />}
          <div className="log-compact">
            <LogView lines={snapshot.lines} count={snapshot.lineCount} label="Cloud bench log" testId="cloud-bench-log"
              emptyText={snapshot.replaying ? 'Reading the log…' : 'Waiting for output…'} />
          </div>
        </section>
      )}
    </Panel>
  );
}
