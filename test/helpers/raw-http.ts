import net from 'node:net';

export interface RawExchange {
  /** The status code of the first response line, or null when none came back. */
  status: number | null;
  /** Everything the server sent (latin1, so any byte survives). */
  text: string;
  /** How the exchange ended: the server closed, reset, or the deadline passed first. */
  end: 'closed' | 'reset' | 'deadline';
}

/**
 * Sends raw bytes to a server on one socket, half-closes, and collects what comes back until the
 * server closes or `deadlineMs` passes. Lets tests send what no HTTP client would (`GET //[`).
 */
export function rawExchange(port: number, bytes: string | Buffer, deadlineMs = 5000, host = '127.0.0.1'): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (end: RawExchange['end']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text, end });
    };
    const timer = setTimeout(() => finish('deadline'), deadlineMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('closed'));
  });
}
