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
    return { code: ErrorCode.EngineError, message: `The Docker engine answered ${err.statusCode}: ${err.json?.message ?? firstLine(message)}` };
  }
  return { code: ErrorCode.EngineUnreachable, message: `Could not talk to the Docker engine at ${where}: ${firstLine(message)}`, hint: START_HINT };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].slice(0, 300);
}
