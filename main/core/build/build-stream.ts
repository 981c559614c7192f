/** Reads the classic builder's JSON-lines output into steps, log lines, cache hits and errors. */
export interface BuildStreamHandlers {
  step(index: number, total: number, instruction: string): void;
  log(line: string): void;
  cacheHit(): void;
  imageId(id: string): void;
  error(message: string): void;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

export function createBuildStreamParser(handlers: BuildStreamHandlers): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) handleMessage(line, handlers);
  };
}

function handleMessage(raw: string, handlers: BuildStreamHandlers): void {
  let message: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string }; status?: string };
  try {
    message = JSON.parse(raw);
  } catch {
    handlers.log(raw);
    return;
  }
  if (message.error || message.errorDetail) {
    handlers.error(message.errorDetail?.message ?? message.error ?? 'unknown build error');
    return;
  }
  if (message.aux?.ID) handlers.imageId(message.aux.ID);
  const text = message.stream ?? message.status;
  if (!text) return;
  for (const line of text.replace(/\r/g, '').split('\n')) {
    if (!line.trim()) continue;
    const step = STEP.exec(line);
    if (step) handlers.step(Number(step[1]), Number(step[2]), step[3]);
    else if (line.trim() === '---> Using cache') handlers.cacheHit();
    handlers.log(line);
  }
}
