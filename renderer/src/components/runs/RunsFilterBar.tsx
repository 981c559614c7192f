import type { BenchRun } from '../../../../shared/contract';
import { filterOptions, NO_FILTER, RUN_SORTS, type RunListFilter, type RunSort } from './run-list-view';

interface RunsFilterBarProps {
  runs: readonly BenchRun[];
  filter: RunListFilter;
  sort: RunSort;
  onFilter: (filter: RunListFilter) => void;
  onSort: (sort: RunSort) => void;
  /** How many runs pass the filter, said to screen readers as it changes. */
  shown: number;
}

/** Narrows the Runs list by project, target, kind, tag or words, and orders it by date, p50, p99 or cost. */
export function RunsFilterBar({ runs, filter, sort, onFilter, onSort, shown }: RunsFilterBarProps) {
  const options = filterOptions(runs);
  const set = (key: keyof RunListFilter) => (value: string) => onFilter({ ...filter, [key]: value });
  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="runs-filter" role="search" aria-label="Filter and sort runs">
      <label className="runs-filter-text">
        <span className="field-label">Search</span>
        <input className="input" type="search" data-testid="runs-filter-text" placeholder="name, note, tag, project…" value={filter.text}
          onChange={(event) => set('text')(event.target.value)} />
      </label>
      <Choice label="Project" testId="runs-filter-project" value={filter.project} values={options.projects} onChange={set('project')} />
      <Choice label="Target" testId="runs-filter-target" value={filter.target} values={options.targets} onChange={set('target')} />
      <Choice label="Kind" testId="runs-filter-kind" value={filter.kind} values={options.kinds} onChange={set('kind')} />
      <Choice label="Tag" testId="runs-filter-tag" value={filter.tag} values={options.tags} onChange={set('tag')} />
      <label>
        <span className="field-label">Sort</span>
        <select className="input select" data-testid="runs-sort" value={sort} onChange={(event) => onSort(event.target.value as RunSort)}>
          {Object.entries(RUN_SORTS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <p className="field-hint runs-filter-count" aria-live="polite" data-testid="runs-shown">
        {filtered ? `${shown} of ${runs.length} runs` : `${runs.length} runs`}
        {filtered && (
          <button type="button" className="button button-small" data-testid="runs-filter-clear" onClick={() => onFilter(NO_FILTER)}>
            Clear
          </button>
        )}
      </p>
    </div>
  );
}

interface ChoiceProps {
  label: string;
  testId: string;
  value: string;
  values: readonly string[];
  onChange: (value: string) => void;
}

function Choice({ label, testId, value, values, onChange }: ChoiceProps) {
  return (
    <label>
      <span className="field-label">{label}</span>
      <select className="input select" data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {values.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
