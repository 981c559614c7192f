/** What a proposal guessed and why, shown above the editor until it is saved. */
export function ProposalNotes({ notes }: { notes: string[] }) {
  return (
    <div className="alert alert-info" role="status" data-testid="project-proposal">
      <p className="alert-title">Proposed skylift.yaml: not saved yet</p>
      {notes.length > 0 && (
        <ul className="note-list">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <p>Check it against your project, edit what is wrong, then Save.</p>
    </div>
  );
}
