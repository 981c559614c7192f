import { terminalJobStates, type CallInput } from '../../../shared/contract';
import { skylift } from '../api/client';
import { useJobControl } from './use-job-control';

export type BuildOptions = Omit<CallInput<'build', 'start'>, 'dir'>;

/**
 * The Build step for one project folder: start and cancel a build job and follow the latest one,
 * kept per folder for the tab's life so coming back replays that build's log.
 */
export function useBuild(dir: string) {
  const control = useJobControl(`deploy.build-job.${dir}`);
  const state = control.snapshot?.job?.state;
  // A build is cancelled rather than stopped: same job control, the Build step's words.
  const asBuildAction = (action: 'start' | 'stop') => (action === 'stop' ? 'cancel' : 'start') as 'start' | 'cancel';
  return {
    snapshot: control.snapshot,
    active: control.active,
    ended: state !== undefined && terminalJobStates.includes(state),
    busy: control.busy && asBuildAction(control.busy),
    failure: control.failure && { action: asBuildAction(control.failure.action), error: control.failure.error },
    start: (options: BuildOptions) => control.start(() => skylift.api.build.start({ ...options, dir })),
    cancel: control.stop,
  };
}
