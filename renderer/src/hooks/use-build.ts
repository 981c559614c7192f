import { useEffect } from 'react';
import { buildResultSchema, terminalJobStates, type BuiltVariant, type CallInput } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useJobControl } from './use-job-control';
import { useSessionState } from './use-session-state';

export type BuildOptions = Omit<CallInput<'build', 'start'>, 'dir'>;

/** The latest image built per variant in this tab, so building a second variant keeps the first one's card. */
export type BuiltCards = Partial<Record<BuiltVariant['variant'], BuiltVariant>>;

/**
 * The Build step for one project folder: start and cancel a build job and follow the latest one,
 * kept per folder for the tab's life so coming back replays that build's log; and a card per
 * variant built, each replaced only by a newer build of the same variant.
 */
export function useBuild(dir: string) {
  const control = useJobControl(`deploy.build-job.${dir}`);
  const state = control.snapshot?.job?.state;
  const result = control.snapshot?.result;
  const [cards, setCards] = useSessionState<BuiltCards>(`deploy.build-cards.${dir}`, {});

  useEffect(() => {
    if (state !== 'succeeded' || result === undefined) return;
    const parsed = buildResultSchema.safeParse(result);
    if (!parsed.success) return;
    const fresh = parsed.data.variants.filter((built) => cards[built.variant]?.imageId !== built.imageId || cards[built.variant]?.tag !== built.tag);
    if (fresh.length > 0) setCards({ ...cards, ...Object.fromEntries(fresh.map((built) => [built.variant, built])) });
  }, [state, result]);

  // A build is cancelled rather than stopped: same job control, the Build step's words.
  const asBuildAction = (action: 'start' | 'stop') => (action === 'stop' ? 'cancel' : 'start') as 'start' | 'cancel';
  return {
    snapshot: control.snapshot,
    active: control.active,
    ended: state !== undefined && terminalJobStates.includes(state),
    busy: control.busy && asBuildAction(control.busy),
    failure: control.failure && { action: asBuildAction(control.failure.action), error: control.failure.error },
    cards,
    start: (options: BuildOptions) => control.start(() => skylift.api.build.start({ ...options, dir })),
    cancel: control.stop,
  };
}
