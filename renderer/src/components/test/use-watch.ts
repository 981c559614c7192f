import { useCallback, useEffect, useState } from 'react';
import type { WatchStatus } from '../../../../shared/contract/watch';
import { skylift } from '../../api/client';
import { describeError, type ErrorDescription } from '../describe-error';

/** How often the Test step asks a watching run what it is doing (a rebuild takes seconds; this is cheap). */
const POLL_MS = 500;

/**
 * A run's "Rebuild on save": its state lives in the run (core), so it is per session and survives
 * a reload; this reads it, turns it on or off, and follows it while it is on.
 */
export function useWatch(jobId: string | null) {
  const [status, setStatus] = useState<WatchStatus | null>(null);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const [busy, setBusy] = useState(false);
  /** What the user just asked for, shown at once while core turns it on or off. */
  const [wanted, setWanted] = useState<boolean | null>(null);

  const read = useCallback(async () => {
    if (!jobId) return;
    try {
      setStatus(await skylift.api.run.watchStatus({ jobId }));
    } catch {
      // The run ended: its panel goes away with it.
    }
  }, [jobId]);

  useEffect(() => {
    setStatus(null);
    setFailure(null);
    void read();
  }, [read]);

  const watching = status?.enabled === true || (status !== null && status.state !== 'off');
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => void read(), POLL_MS);
    return () => clearInterval(timer);
  }, [watching, read]);

  const toggle = async (enabled: boolean) => {
    if (!jobId) return;
    setBusy(true);
    setWanted(enabled);
    try {
      setStatus(await skylift.api.run.watch({ jobId, enabled }));
      setFailure(null);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
      setWanted(null);
    }
  };

  return { status, failure, busy, toggle, checked: wanted ?? status?.enabled ?? false };
}
