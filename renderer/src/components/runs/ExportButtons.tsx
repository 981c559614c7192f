import { useState } from 'react';
import type { BenchRun } from '../../../../shared/contract';
import { skylift } from '../../api/client';
import { downloadText } from '../charts/download';
import { SelectField } from '../deploy/SelectField';
import { describeError, type ErrorDescription } from '../describe-error';
import { ErrorAlert } from '../ErrorAlert';
import { runLabel } from './run-format';

type Format = 'csv' | 'json';

/** Saves a run's samples as CSV (one row per request) or JSON (the run and its samples); with several runs, the one picked. */
export function ExportButtons({ runs }: { runs: readonly BenchRun[] }) {
  const [chosen, setChosen] = useState(runs[0]?.id ?? '');
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<ErrorDescription | null>(null);

  const exportAs = async (format: Format) => {
    if (busy || !chosen) return;
    setBusy(format);
    setError(null);
    try {
      const file = await skylift.api.runs.export({ runId: chosen, format });
      downloadText(file.content, file.mime, file.filename);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-bar">
      {runs.length > 1 && (
        <SelectField label="Export run" value={chosen} onChange={setChosen} testId="export-run"
          options={runs.map((run) => ({ value: run.id, label: runLabel(run) }))} />
      )}
      <div className="form-actions">
        <button type="button" className="button" data-testid="export-csv" aria-busy={busy === 'csv'} aria-disabled={busy !== null} onClick={() => void exportAs('csv')}>
          {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" className="button" data-testid="export-json" aria-busy={busy === 'json'} aria-disabled={busy !== null} onClick={() => void exportAs('json')}>
          {busy === 'json' ? 'Exporting…' : 'Export JSON'}
        </button>
      </div>
      {error && <ErrorAlert error={error} title="Not exported" testId="export-error" />}
    </div>
  );
}
