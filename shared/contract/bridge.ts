import type { Contract, EventName } from './index';
import type { Envelope } from './envelope';

/**
 * What the Electron preload puts on `window.skylift`: one method per contract call, answering
 * with an envelope (an Error's fields do not survive contextBridge; an envelope does), plus `on`.
 */
export type PreloadBridge = {
  [D in keyof Contract]: { [V in keyof Contract[D]]: (input: unknown) => Promise<Envelope<unknown>> };
} & {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
};

/** The one IPC channel events travel on from main to the preload, which fans them out by name. */
export const EVENT_CHANNEL = 'skylift:event';
