import type { ReactNode } from 'react';
import type { BenchRun, LatencySummaryData } from '../../../../shared/contract';
import { formatMs, formatRate, formatThroughput } from './run-format';
import { invokesLikeLambda } from '../../../../shared/targets';
import { SETUP_MEANING } from '../test/invocation-format';

export interface SummaryEntry {
  run: BenchRun;
  label: string;
  /** The run's colour in the charts; shown as a swatch when runs are compared. */
  colour: string;
}

interface SummaryTableProps {
  entries: readonly SummaryEntry[];
}

/** Warm requests, one row per run: how many, how many failed, the percentiles, mean and throughput. */
export function WarmSummaryTable({ entries }: SummaryTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table summary-table" data-testid="summary-warm">
        <caption className="table-caption">Warm requests</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col" className="num">Requests</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p90</th>
            <th scope="col" className="num">p99</th>
            <th scope="col" className="num">p99.9</th>
            <th scope="col" className="num">Max</th>
            <th scope="col" className="num">Mean</th>
            <th scope="col" className="num">Throughput</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <SummaryRow key={entry.run.id} entry={entry} summary={entry.run.summary?.warm ?? null} comparing={entries.length > 1} columns={10}>
              {(s) => (
                <>
                  <td className="num">{formatMs(s.p90Ms)}</td>
                  <td className="num">{formatMs(s.p99Ms)}</td>
                  <td className="num">{formatMs(s.p999Ms)}</td>
                  <td className="num">{formatMs(s.maxMs)}</td>
                  <td className="num">{formatMs(s.meanMs)}</td>
                  <td className="num">{formatThroughput(s.throughputPerSec)}</td>
                </>
              )}
            </SummaryRow>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cold starts, one row per run: time to the first answer after a fresh start, and the setup time the model reported. */
export function ColdSummaryTable({ entries }: SummaryTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table summary-table" data-testid="summary-cold">
        <caption className="table-caption">Cold starts (container start to first answer)</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col" className="num">Starts</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">Max</th>
            <th scope="col" className="num">Mean</th>
            <th scope="col">Model setup (each start)</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <SummaryRow key={entry.run.id} entry={entry} summary={entry.run.summary?.cold ?? null} comparing={entries.length > 1} columns={7}>
              {(s) => (
                <>
                  <td className="num">{formatMs(s.maxMs)}</td>
                  <td className="num">{formatMs(s.meanMs)}</td>
                  <td title={SETUP_MEANING[invokesLikeLambda(entry.run.variant) ? 'lambda' : 'http']}>
                    {entry.run.summary?.coldSetupMs.map((ms) => formatMs(ms)).join(', ') || '–'}
                    <span className="cell-note">{invokesLikeLambda(entry.run.variant) ? "Lambda's Init Duration" : "the adapter's load time"}</span>
                  </td>
                </>
              )}
            </SummaryRow>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface SummaryRowProps {
  entry: SummaryEntry;
  summary: LatencySummaryData | null;
  comparing: boolean;
  /** The columns after count, errors and p50, which differ between the tables. */
  children: (summary: LatencySummaryData) => ReactNode;
  /** How many columns the table has, for the row that says there is nothing to show. */
  columns: number;
}

function SummaryRow({ entry, summary, comparing, children, columns }: SummaryRowProps) {
  return (
    <tr>
      <th scope="row" className="summary-run">
        {comparing && <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />}
        {entry.label}
        {entry.run.summary?.partial && <span className="cell-note" data-testid="summary-partial">Partial: {entry.run.state}, stopped early</span>}
      </th>
      {summary ? (
        <>
          <td className="num">{summary.count.toLocaleString()}</td>
          <td className="num">
            {summary.errors.toLocaleString()}
            {summary.errors > 0 && <span className="cell-note">{formatRate(summary.errorRate)}</span>}
          </td>
          <td className="num">{formatMs(summary.p50Ms)}</td>
          {children(summary)}
        </>
      ) : (
        <td colSpan={columns - 1} className="muted">
          {entry.run.state === 'running' ? 'Still running' : 'None measured'}
        </td>
      )}
    </tr>
  );
}
