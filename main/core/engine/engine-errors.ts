import type Dockerode from 'dockerode';
import { ErrorCode, SkyliftError, type AppError, type ResolvedEndpoint } from '../../../shared/contract';

const START_HINT = 'Start the Docker engine (e.g. `sudo systemctl start docker`, or open Docker Desktop), or choose another endpoint in Settings → Docker engine.';

/** Explains a failed engine request in terms of what the user can do about it. */
export function engineError(error: unknown, endpoint: ResolvedEndpoint | null): AppError {
  if (error instanceof SkyliftError) return error.toAppError();
  const where = endpoint?.url ?? 'the configured endpoint';
  const err = error as { code?: string; message?: string; statusCode?: number; json?: { message?: string } };
  const code = err.code ?? '';
  const message = err.message ?? String(error);

  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
    return { code: ErrorCode.EngineUnreachable, message: `Docker engine not reachable at ${where}.`, hint: START_HINT, details: { reason: code } };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      code: ErrorCode.EnginePermissionDenied,
      message: `Permission denied on the Docker socket at ${where}.`,
      hint: 'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in), or use rootless Docker.',
    };
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return { code: ErrorCode.EngineUnreachable, message: `Docker engine at ${where} did not answer in time.`, hint: 'Check the host and port, the network path, and that the engine is running.' };
  }
  if (/certificate|self[- ]signed|SSL|TLS|EPROTO/i.test(`${code} ${message}`)) {
    return {
      code: ErrorCode.EngineTls,
      message: `TLS handshake with the Docker engine at ${where} failed.`,
      hint: 'Check that ca.pem, cert.pem and key.pem in the certificate folder belong to this engine, and that TLS is on for a TLS port (2376).',
    };
  }
  if (/authentication/i.test(message)) {
    return {
      code: ErrorCode.EngineUnreachable,
      message: `SSH login to ${where} was refused.`,
      hint: 'Load your key into ssh-agent (`ssh-add`) or set an identity file in Settings; check the user name.',
    };
  }
  if (typeof err.statusCode === 'number') {
    const answer = { code: ErrorCode.EngineError, message: `The Docker engine answered ${err.statusCode}: ${err.json?.message ?? firstLine(message)}` };
    return err.statusCode >= 500 ? { ...answer, hint: "The engine itself failed: check its logs (`journalctl -u docker`, or Docker Desktop's troubleshoot page) and `docker info`, then try again." } : answer;
  }
  return { code: ErrorCode.EngineUnreachable, message: `Could not talk to the Docker engine at ${where}: ${firstLine(message)}`, hint: START_HINT };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].slice(0, 300);
}

const ENGINE_ENDPOINT = Symbol('skylift.engineEndpoint');
type Dial = (options: unknown, callback: (error: unknown, data: unknown) => void) => unknown;

/**
 * Marks every failed request of this client as the engine's (with the endpoint it went to), so a
 * job that fails on one is explained as the Engine page explains it, not as an unexpected error.
 * Every dockerode call goes through `modem.dial`.
 */
export function markEngineErrors(docker: Dockerode, endpoint: ResolvedEndpoint | null): Dockerode {
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => dial(options, (error, data) => callback(error ? markedAsEngine(error, endpoint) : error, data));
  return docker;
}

function markedAsEngine(error: unknown, endpoint: ResolvedEndpoint | null): unknown {
  if (error !== null && typeof error === 'object' && !(ENGINE_ENDPOINT in error)) {
    Object.defineProperty(error, ENGINE_ENDPOINT, { value: endpoint, enumerable: false });
  }
  return error;
}

/**
 * The engine's explanation of an error that came from talking to the engine, or null for any other
 * error. Besides marked errors: a failed connect to a local socket or named pipe, which Skylift only
 * ever dials to reach the engine (a container's port is TCP, so an HTTP variant's refusal is not this).
 */
export function engineFailure(error: unknown): AppError | null {
  if (error === null || typeof error !== 'object' || error instanceof SkyliftError) return null;
  if (ENGINE_ENDPOINT in error) return engineError(error, (error as { [ENGINE_ENDPOINT]: ResolvedEndpoint | null })[ENGINE_ENDPOINT]);
  const { syscall, address } = error as { syscall?: string; address?: string };
  if (syscall === 'connect' && typeof address === 'string' && (address.startsWith('/') || address.startsWith('\\\\.\\pipe\\'))) {
    return engineError(error, { url: address.startsWith('/') ? `unix://${address}` : `npipe://${address}`, source: 'default', tls: false });
  }
  return null;
}

