import type { BenchRun } from '../../../../shared/contract';
import { runHref } from '../../hooks/use-runs-route';
import { ImageCell } from './ImageCell';
import { formatEnvironments, formatExtras, formatLoad, formatMs, formatRate, formatThroughput, formatWhen, runLabel, runTargetText } from './run-format';
import { RunCostCell } from './RunCost';
import { RunStateBadge } from './RunStateBadge';

interface RunsTableProps {
  runs: readonly BenchRun[];
  selected: ReadonlySet<string>;
  onSelect: (runId: string, selected: boolean) => void;
}

/** Every stored run, newest first, with its warm-request summary; a checkbox per row picks runs to compare. */
export function RunsTable({ runs, selected, onSelect }: RunsTableProps) {
  return (
    <div className="table-scroll runs-wide">
      <table className="data-table runs-table" data-testid="runs-table">
        <caption className="visually-hidden">Bench runs, newest first. Latencies are of successful warm requests.</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Time</th>
            <th scope="col">
              Project<span className="visually-hidden">, variant and target</span>
            </th>
            <th scope="col">Image</th>
            <th scope="col">Load</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p99</th>
            <th scope="col" className="num">Max</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">Throughput</th>
            <th scope="col" className="num">
              Cost<span className="visually-hidden"> per 1M inferences</span>
              <span className="cell-note">per 1M</span>
            </th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const warm = run.summary?.warm ?? null;
            return (
              <tr key={run.id} data-testid={`run-row-${run.id}`} className={selected.has(run.id) ? 'is-selected' : undefined}>
                <td>
                  <input type="checkbox" data-testid={`run-select-${run.id}`} aria-label={`Select ${runLabel(run)} to compare`} checked={selected.has(run.id)}
                    onChange={(event) => onSelect(run.id, event.target.checked)} />
                </td>
                <td className="nowrap">{formatWhen(run.createdAt)}</td>
                <td>
                  <span className="run-project">{run.project}</span>
                  <span className="cell-note">
                    <span data-testid={`run-target-${run.id}`}>{runTargetText(run.target)}</span>
                    {run.runKind !== 'bench' && ` · ${run.runKind}`}
                  </span>
                </td>
                <td className="image-column">
                  <ImageCell run={run} />
                </td>
                <td className="nowrap">
                  <span>{formatLoad(run.settings.load)}</span>
                  <span className="cell-note">{formatExtras(run.settings)}</span>
                  {run.environments && <span className="cell-note">{formatEnvironments(run.environments)}</span>}
                </td>
                <td className="num">{formatMs(warm?.p50Ms)}</td>
                <td className="num">{formatMs(warm?.p99Ms)}</td>
                <td className="num">{formatMs(warm?.maxMs)}</td>
                <td className="num">{warm ? formatRate(warm.errorRate) : '–'}</td>
                <td className="num">{warm ? formatThroughput(warm.throughputPerSec) : '–'}</td>
                <td className="num" data-testid={`run-cost-${run.id}`}>
                  <RunCostCell cost={run.cost} />
                </td>
                <td>
                  <RunStateBadge run={run} />
                </td>
                <td>
                  <a className="button button-small" href={runHref(run.id)} data-testid={`run-open-${run.id}`} aria-label={`Open ${runLabel(run)}`}>
                    Open
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
