import { contextBridge, ipcRenderer } from 'electron';
import { allCalls, allEventNames, type Envelope, type EventName } from '../../shared/contract';
import { EVENT_CHANNEL, type PreloadBridge } from '../../shared/contract/bridge';

/** window.skylift: one method per contract call and `on` for its event streams — nothing else. */
function buildBridge(): PreloadBridge {
  const bridge: Record<string, unknown> = {};
  for (const { domain, verb, channel } of allCalls) {
    const methods = (bridge[domain] ??= {}) as Record<string, (input: unknown) => Promise<Envelope<unknown>>>;
    methods[verb] = (input) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>;
  }
  bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!allEventNames.includes(event)) throw new Error(`Unknown event stream "${event}"`);
    // The IPC event object never reaches the page: only the payload does.
    const relay = (_event: unknown, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  };
  return bridge as PreloadBridge;
}

contextBridge.exposeInMainWorld('skylift', buildBridge());
