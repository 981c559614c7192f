import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { SkyliftError } from '../../../../shared/errors';

/** No byte sent and no word from the engine for this long: the load is stalled, not slow. */
export const LOAD_STALL_MS = 120_000;

/**
 * Streams a `docker load` archive (which calls `alive` as its bytes go) and waits for the engine's verdict. Cancel, a failed archive (a
 * weights file changed mid-read) and a stall all abort the request: the engine then sees a cut
 * upload and tags nothing.
 */
export async function loadArchive(docker: Dockerode, makeArchive: (alive: () => void) => Readable, signal: AbortSignal, stallMs = LOAD_STALL_MS): Promise<void> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const alive = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(stalled(stallMs, uploaded)), stallMs);
  };
  const archive = makeArchive(alive);
  let uploaded = false;
  archive.once('end', () => (uploaded = true));
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    abort.abort();
    archive.destroy();
  };
  const onCancel = (): void => fail(new DOMException('Build cancelled', 'AbortError'));
  signal.addEventListener('abort', onCancel, { once: true });
  if (signal.aborted) onCancel();
  archive.on('error', fail);
  alive();
  try {
    const response = (await docker.loadImage(archive, { quiet: false, abortSignal: abort.signal } as never)) as unknown as NodeJS.ReadableStream;
    const error = await engineVerdict(response, alive);
    if (failure) throw failure;
    if (error) throw new SkyliftError({ code: 'WEIGHTS_LOAD_FAILED', message: `The engine refused the weights layer: ${error}`, hint: 'Check the engine has disk space for the weights (docker system df), then build again.' });
  } catch (error) {
    throw failure ?? dropped(error, uploaded);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onCancel);
    archive.destroy(); // an engine that answered early (disk full) leaves the rest unread
  }
}

/** Reads the engine's JSON lines to the end; returns its error message, if it sent one. */
function engineVerdict(response: NodeJS.ReadableStream, alive: () => void): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let error: string | null = null;
    response.on('data', (chunk: Buffer) => {
      alive();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const message = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
          if (message.error || message.errorDetail) error = message.errorDetail?.message ?? message.error ?? 'unknown error';
        } catch {
          // progress text that is not JSON: nothing to act on
        }
      }
    });
    response.on('end', () => resolve(error));
    response.on('error', reject);
  });
}

/** What a tag means once the engine stopped answering: before the whole archive went up it can't exist; after, it may. */
const tagged = (uploaded: boolean): string =>
  uploaded ? 'The engine had the whole layer, so it may still tag the weights image; building again reuses it if so.' : 'Nothing was tagged.';

/** The connection to the engine broke (EPIPE, ECONNRESET, a closed socket): an engine error, not Skylift's. */
function dropped(error: unknown, uploaded: boolean): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const broken = ['EPIPE', 'ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code ?? '') || /socket hang up/.test((error as Error).message ?? '');
  if (!broken) return error;
  return new SkyliftError({
    code: 'WEIGHTS_LOAD_FAILED',
    message: `The engine connection dropped while loading the weights layer (${code ?? 'socket hang up'}). ${tagged(uploaded)}`,
    hint: 'Build again once the engine answers (docker info).',
  });
}

function stalled(ms: number, uploaded: boolean): SkyliftError {
  return new SkyliftError({
    code: 'WEIGHTS_LOAD_STALLED',
    message: `Loading the weights layer into the engine stalled: nothing moved for ${Math.round(ms / 1000)} s. ${tagged(uploaded)}`,
    hint: 'Check the engine is responsive (docker info) and has disk space, then build again.',
  });
}
