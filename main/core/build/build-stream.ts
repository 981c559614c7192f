import { decodeBuildkitStatus } from './buildkit-status';

/** What a build's output stream yields, whichever builder produced it. */
export interface BuildStreamHandlers {
  step(index: number, total: number, instruction: string): void;
  log(line: string): void;
  cacheHit(): void;
  imageId(id: string): void;
  /** The step that failed (BuildKit names it; the classic builder's is the last one started). */
  failedAt?(index: number, total: number, instruction: string): void;
  error(message: string): void;
}

type Message = {
  id?: string;
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string } | string;
};

/** Splits the engine's JSON-lines response into messages, across chunk boundaries. */
function jsonLines(onMessage: (message: Message) => void, onText: (line: string) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        onMessage(JSON.parse(line) as Message);
      } catch {
        onText(line);
      }
    }
  };
}

const CLASSIC_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
/** Engines older than API 1.29 say only this (a short id); newer ones also send aux.ID, which wins. */
const CLASSIC_BUILT = /^Successfully built ([0-9a-f]{12,64})$/;

/** The classic builder: `Step 3/9 : RUN …` lines, ` ---> Using cache`, aux.ID at the end. */
export function createBuildStreamParser(handlers: BuildStreamHandlers): (chunk: Buffer | string) => void {
  let fullId = false;
  return jsonLines((message) => {
    if (message.error || message.errorDetail) return handlers.error(message.errorDetail?.message ?? message.error ?? 'unknown build error');
    if (typeof message.aux === 'object' && message.aux.ID) {
      fullId = true;
      handlers.imageId(message.aux.ID);
    }
    const text = message.stream ?? message.status;
    if (!text) return;
    for (const line of text.replace(/\r/g, '').split('\n')) {
      if (!line.trim()) continue;
      const step = CLASSIC_STEP.exec(line);
      const built = CLASSIC_BUILT.exec(line);
      if (step) handlers.step(Number(step[1]), Number(step[2]), step[3]);
      else if (line.trim() === '---> Using cache') handlers.cacheHit();
      else if (built && !fullId) handlers.imageId(built[1]);
      handlers.log(line);
    }
  }, handlers.log);
}

const BUILDKIT_STEP = /^\[(?:[\w-]+ )?(\d+)\/(\d+)\] (.*)$/;

/** BuildKit: protobuf status messages (vertexes started, cached, failed; their output), then moby.image.id. */
export function createBuildkitStreamParser(handlers: BuildStreamHandlers): (chunk: Buffer | string) => void {
  const started = new Set<string>();
  const cached = new Set<string>();
  const failed = new Set<string>();
  return jsonLines((message) => {
    if (message.error || message.errorDetail) return handlers.error(message.errorDetail?.message ?? message.error ?? 'unknown build error');
    if (message.id === 'moby.image.id' && typeof message.aux === 'object' && message.aux.ID) return handlers.imageId(message.aux.ID);
    if (message.id !== 'moby.buildkit.trace' || typeof message.aux !== 'string') {
      if (message.stream?.trim()) handlers.log(message.stream.trimEnd());
      return;
    }
    const status = decodeBuildkitStatus(message.aux);
    for (const vertex of status.vertexes) {
      const step = BUILDKIT_STEP.exec(vertex.name);
      if (vertex.started && !started.has(vertex.digest)) {
        started.add(vertex.digest);
        if (step) handlers.step(Number(step[1]), Number(step[2]), step[3]);
        handlers.log(`=> ${vertex.name}`);
      }
      if (vertex.cached && !cached.has(vertex.digest)) {
        cached.add(vertex.digest);
        if (step) handlers.cacheHit();
        handlers.log(`=> CACHED ${vertex.name}`);
      }
      if (vertex.error && !failed.has(vertex.digest)) {
        failed.add(vertex.digest);
        if (step) handlers.failedAt?.(Number(step[1]), Number(step[2]), step[3]);
        handlers.log(`=> ERROR ${vertex.name}: ${vertex.error}`);
      }
    }
    for (const entry of status.logs) {
      for (const line of entry.text.replace(/\r/g, '').split('\n')) if (line.trim()) handlers.log(line);
    }
  }, handlers.log);
}
