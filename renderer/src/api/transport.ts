import { ErrorCode, fail, type Envelope, type EventName } from '../../../shared/contract';
import type { Transport } from '../../../shared/contract/client';

import type { PreloadBridge } from '../../../shared/contract/bridge';

declare global {
  interface Window {
    skylift?: PreloadBridge;
  }
}

/** Electron when the preload is there; otherwise browser mode over HTTP and one WebSocket. */
export function createTransport(): Transport {
  return window.skylift ? bridgeTransport(window.skylift) : httpTransport();
}

function bridgeTransport(bridge: PreloadBridge): Transport {
  const methods = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<Envelope<unknown>>>>;
  return {
    call: (channel, input) => {
      const [domain, verb] = channel.split(':');
      return methods[domain][verb](input);
    },
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}

function httpTransport(): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  connectEvents(listeners);
  return {
    async call(channel, input) {
      try {
        const res = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        if (res.status === 401 || res.status === 403) {
          return fail({ code: ErrorCode.Unauthorized, message: 'This browser session is not signed in to Skylift.', hint: 'Open the address that `skylift serve` printed (it ends in ?token=…).' });
        }
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return fail({ code: 'SERVER_UNREACHABLE', message: 'Cannot reach the Skylift server.', hint: 'Check that `skylift serve` is still running, then reload.' });
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

/** One WebSocket for every event stream; reconnects with back-off if the server restarts. */
function connectEvents(listeners: Map<EventName, Set<(payload: unknown) => void>>, delayMs = 500): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/events`);
  let opened = false;
  socket.onopen = () => (opened = true);
  socket.onmessage = (message) => {
    const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  socket.onclose = () => {
    const next = opened ? 500 : Math.min(delayMs * 2, 10_000);
    setTimeout(() => connectEvents(listeners, next), next);
  };
}

