import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the task again; the previous data stays on screen until the new answer arrives. */
  reload: () => void;
}

/**
 * Runs `task` on mount and on `reload`. Only the latest run may set state, so a slow answer
 * from an earlier run never overwrites a newer one.
 */
export function useAsync<T>(task: () => Promise<T>): AsyncState<T> {
  const taskRef = useRef(task);
  taskRef.current = task;
  const runId = useRef(0);
  const [state, setState] = useState<Omit<AsyncState<T>, 'reload'>>({ data: undefined, error: undefined, loading: true });

  const reload = useCallback(() => {
    const id = ++runId.current;
    setState((s) => ({ ...s, loading: true }));
    taskRef.current().then(
      (data) => id === runId.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => id === runId.current && setState({ data: undefined, error, loading: false }),
    );
  }, []);

  useEffect(() => {
    reload();
    // Invalidate the run in flight when the component goes away.
    return () => void runId.current++;
  }, [reload]);

  return { ...state, reload };
}
