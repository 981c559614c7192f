import './runs.css';
import { Fragment } from 'react';
import { compareFigure, figuresFor } from './compare-diff';
import type { SummaryEntry } from './SummaryTables';

/**
 * Compared runs figure by figure: the first run is the baseline, and each other run shows its value,
 * the difference from the baseline (Δ) and the ratio to it (×).
 */
export function CompareTable({ entries }: { entries: readonly SummaryEntry[] }) {
  const [baseline, ...others] = entries;
  if (!baseline || others.length === 0) return null;
  const figures = figuresFor(entries.map((entry) => entry.run));
  return (
    <div className="table-scroll">
      <table className="data-table summary-table compare-table" data-testid="compare-table">
        <caption className="table-caption">Difference from the first run (Δ: this run minus the first; ×: this run over the first)</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" className="num">
              <Swatch colour={baseline.colour} />
              {baseline.label}
            </th>
            {others.map((entry) => (
              <Fragment key={entry.run.id}>
                <th scope="col" className="num">
                  <Swatch colour={entry.colour} />
                  {entry.label}
                </th>
                <th scope="col" className="num">
                  Δ<span className="visually-hidden"> from the first run</span>
                </th>
                <th scope="col" className="num">
                  ×<span className="visually-hidden"> the first run</span>
                </th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {figures.map((figure) => (
            <tr key={figure.label} data-testid="compare-row">
              <th scope="row">{figure.label}</th>
              <td className="num">{compareFigure(figure, baseline.run, baseline.run).value}</td>
              {others.map((entry) => {
                const difference = compareFigure(figure, baseline.run, entry.run);
                return (
                  <Fragment key={entry.run.id}>
                    <td className="num">{difference.value}</td>
                    <td className="num delta" data-testid="compare-delta">{difference.delta}</td>
                    <td className="num delta" data-testid="compare-ratio">{difference.ratio}</td>
                  </Fragment>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Swatch = ({ colour }: { colour: string }) => <span className="swatch" style={{ background: colour }} aria-hidden="true" />;
