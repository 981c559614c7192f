import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { allChannels, ErrorCode, fail, type Envelope } from '../../shared/contract';
import { EVENT_CHANNEL } from '../../shared/contract/bridge';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import { isTrustedUrl } from './window-options';


export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** A message is ours only if it comes from the top frame of a page served from app://skylift/. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  return isTrustedUrl(frame.url);
}

/** One handler per contract call; each checks its sender and answers with an envelope. */
export function registerIpcHandlers(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  for (const channel of allChannels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return fail({ code: ErrorCode.ForbiddenSender, message: 'Refused: this request did not come from the Skylift window.' });
      }
      return dispatch(channel, input);
    });
  }
  return () => allChannels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards every core event to a window for as long as it lives. */
export function forwardEventsTo(contents: WebContents, bus: EventBus): () => void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
