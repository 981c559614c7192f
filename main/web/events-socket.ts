import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../core/events';
import { guarded, type LogError } from './guard';
import { endSocket } from './responses';

/** WebSocket frames from the page are tiny (it only listens); a bigger one closes that socket. */
const MAX_FRAME_BYTES = 64 * 1024;

export interface EventSockets {
  /** Completes an upgrade that already passed the gate, then forwards every bus event to it. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function eventSockets(bus: EventBus, logError: LogError): EventSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const forward = guarded('web socket open', logError, (ws: WebSocket) => forwardEvents(ws, bus, logError), (_ref, ws) => ws.terminate());
  return {
    accept: (req, socket, head) => server.handleUpgrade(req, socket, head, forward),
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

function forwardEvents(ws: WebSocket, bus: EventBus, logError: LogError): void {
  const unsubscribe = bus.subscribe(
    guarded('web socket event', logError, (event: string, payload: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    }, () => ws.terminate()),
  );
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  // The page only listens; anything it sends is ignored.
  ws.on('message', guarded('web socket message', logError, () => undefined, () => ws.terminate()));
}

/** Refuses an upgrade on its raw socket: a status line and a clean close, never a reset. */
export const refuseUpgrade = (socket: Duplex, status: number): void => endSocket(socket, status);
