import type { BenchRun } from '../../../../shared/contract';
import { runHref } from '../../hooks/use-runs-route';
import { ImageCell } from './ImageCell';
import { formatEnvironments, formatExtras, formatLoad, formatMs, formatRate, formatThroughput, formatWhen, formatWhenFull, runLabel, runTargetText } from './run-format';
import { RunCostCell } from './RunCost';
import { RunStateBadge } from './RunStateBadge';
import { RunTags } from './RunTags';
import './runs.css';

interface RunsTableProps {
  runs: readonly BenchRun[];
  selected: ReadonlySet<string>;
  onSelect: (runId: string, selected: boolean) => void;
}

/**
 * Stored runs with their warm-request summary; a checkbox per row picks runs to compare and the
 * run's name opens it. Eleven columns that fit 1280 px: the maximum is on the run's own page.
 */
export function RunsTable({ runs, selected, onSelect }: RunsTableProps) {
  return (
    <div className="table-scroll runs-wide" data-testid="runs-table-scroll">
      <table className="data-table runs-table" data-testid="runs-table">
        <caption className="visually-hidden">Bench runs. Latencies are of successful warm requests.</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Run</th>
            <th scope="col">Date</th>
            <th scope="col">Image</th>
            <th scope="col">Load</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p99</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">Throughput</th>
            <th scope="col" className="num">
              Cost<span className="visually-hidden"> per 1M inferences</span>
              <span className="cell-note">per 1M</span>
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <RunRow key={run.id} run={run} selected={selected.has(run.id)} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ run, selected, onSelect }: { run: BenchRun; selected: boolean; onSelect: RunsTableProps['onSelect'] }) {
  const warm = run.summary?.warm ?? null;
  return (
    <tr data-testid={`run-row-${run.id}`} className={selected ? 'is-selected' : undefined}>
      <td>
        <input type="checkbox" data-testid={`run-select-${run.id}`} aria-label={`Select ${runLabel(run)} to compare`} checked={selected}
          onChange={(event) => onSelect(run.id, event.target.checked)} />
      </td>
      <td className="run-name-cell">
        <a className="run-open" href={runHref(run.id)} data-testid={`run-open-${run.id}`} aria-label={`Open ${runLabel(run)}`}>
          {run.name || run.project}
        </a>
        <span className="cell-note">
          {run.name && `${run.project} · `}
          <span data-testid={`run-target-${run.id}`}>{runTargetText(run.target)}</span>
          {run.runKind !== 'bench' && ` · ${run.runKind}`}
        </span>
        <RunTags tags={run.tags ?? []} />
      </td>
      <td data-testid={`run-when-${run.id}`}>
        <time dateTime={run.createdAt} title={formatWhenFull(run.createdAt)}>
          {formatWhen(run.createdAt)}
        </time>
      </td>
      <td className="image-column">
        <ImageCell run={run} />
      </td>
      <td>
        <span className="nowrap">{formatLoad(run.settings.load)}</span>
        <span className="cell-note">{formatExtras(run.settings)}</span>
        {run.environments && <span className="cell-note">{formatEnvironments(run.environments)}</span>}
      </td>
      <td className="num" data-testid={`run-p50-${run.id}`}>{formatMs(warm?.p50Ms)}</td>
      <td className="num">{formatMs(warm?.p99Ms)}</td>
      <td className="num">{warm ? formatRate(warm.errorRate) : '–'}</td>
      <td className="num">{warm ? formatThroughput(warm.throughputPerSec) : '–'}</td>
      <td className="num" data-testid={`run-cost-${run.id}`}>
        <RunCostCell cost={run.cost} />
      </td>
      <td>
        <RunStateBadge run={run} />
      </td>
    </tr>
  );
}
