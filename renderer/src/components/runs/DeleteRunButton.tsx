import { skylift } from '../../api/client';
import { ConfirmDelete } from '../ConfirmDelete';

/** Deletes a run and its samples after a second, explicit click; then goes back to the list. */
export function DeleteRunButton({ runId, onDeleted }: { runId: string; onDeleted: () => void }) {
  const remove = async () => {
    await skylift.api.runs.delete({ runId });
    onDeleted();
  };
  return (
    <div className="delete-run">
      <ConfirmDelete triggerLabel="Delete run…" question="Delete this run and its samples?" groupLabel="Delete this run?" testId="run-delete" onConfirm={remove} />
    </div>
  );
}
