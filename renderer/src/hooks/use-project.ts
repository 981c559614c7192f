import { useEffect, useState } from 'react';
import { isSkyliftError, type OpenedProject } from '../../../shared/contract';
import { skylift } from '../api/client';
import { describeError, type ErrorDescription } from '../components/describe-error';
import { readSession, writeSession } from './use-session-state';

export type ProjectAction = 'open' | 'propose' | 'save' | 'create';

export interface ProjectState {
  /** The folder last asked for. */
  dir: string;
  opened: OpenedProject | null;
  /** The editor's text: the saved file, a proposal, or the user's edit of either; null before there is one. */
  draft: string | null;
  /** What the proposal guessed and why; empty unless the draft is a proposal. */
  notes: string[];
  /** The folder exists but has no skylift.yaml. */
  missing: boolean;
  failure: { action: ProjectAction; error: ErrorDescription } | null;
  /** True from a successful save until the next edit. */
  justSaved: boolean;
}

const EMPTY: ProjectState = { dir: '', opened: null, draft: null, notes: [], missing: false, failure: null, justSaved: false };
const DIR_KEY = 'deploy.dir';

// The page unmounts on navigation; an unsaved edit must still be there when the user comes back.
let remembered: ProjectState | null = null;

/** The Project step: open a folder or a sample, propose a config, edit and save it. */
export function useProject() {
  const [state, setState] = useState<ProjectState>(() => remembered ?? EMPTY);
  const [busy, setBusy] = useState<ProjectAction | null>(null);

  useEffect(() => {
    remembered = state;
    if (state.opened) writeSession(DIR_KEY, state.opened.dir);
  }, [state]);

  async function run(action: ProjectAction, body: () => Promise<Partial<ProjectState>>, onError?: (error: unknown) => Partial<ProjectState>) {
    if (busy) return;
    setBusy(action);
    setState((s) => ({ ...s, failure: null, justSaved: false }));
    try {
      const patch = await body();
      setState((s) => ({ ...s, ...patch }));
    } catch (error) {
      setState((s) => ({ ...s, failure: { action, error: describeError(error) }, ...onError?.(error) }));
    } finally {
      setBusy(null);
    }
  }

  const loaded = (opened: OpenedProject): Partial<ProjectState> => ({ dir: opened.dir, opened, draft: opened.yaml, notes: [], missing: false });

  const open = (dir: string) =>
    run(
      'open',
      async () => loaded(await skylift.api.project.open({ dir: dir.trim() })),
      // A folder without skylift.yaml replaces the current project; any other failure keeps it (and its edits).
      (error) => (isSkyliftError(error) && error.code === 'PROJECT_NOT_FOUND' ? { ...EMPTY, dir: dir.trim(), missing: true } : {}),
    );

  const propose = () =>
    run('propose', async () => {
      const proposal = await skylift.api.project.propose({ dir: state.dir });
      return { draft: proposal.yaml, notes: proposal.notes };
    });

  const save = () =>
    run('save', async () => {
      if (state.draft === null) return {};
      const opened = await skylift.api.project.save({ dir: state.opened?.dir ?? state.dir, yaml: state.draft });
      return { ...loaded(opened), justSaved: true };
    });

  const createFromSample = (sample: string, dir: string) =>
    run('create', async () => {
      const created = await skylift.api.samples.create({ sample, dir: dir.trim() });
      return loaded(await skylift.api.project.open({ dir: created.dir }));
    });

  /** Reads the project again (after an eject); an unsaved edit stays in the editor. */
  const refresh = async () => {
    if (!state.opened) return;
    try {
      const opened = await skylift.api.project.open({ dir: state.opened.dir });
      setState((s) => ({ ...s, opened, draft: s.draft === s.opened?.yaml ? opened.yaml : s.draft }));
    } catch (error) {
      setState((s) => ({ ...s, failure: { action: 'open', error: describeError(error) } }));
    }
  };

  const edit = (draft: string) => setState((s) => ({ ...s, draft, justSaved: false }));

  // After a reload, reopen the folder this tab last had open.
  useEffect(() => {
    const lastDir = readSession<string>(DIR_KEY, '');
    if (!remembered?.opened && lastDir) void open(lastDir);
    // Only on mount: later opens are the user's.
  }, []);

  const dirty = state.draft !== null && state.draft !== (state.opened?.yaml ?? null);
  return { state, busy, dirty, open, propose, save, createFromSample, refresh, edit };
}

export type ProjectModel = ReturnType<typeof useProject>;
