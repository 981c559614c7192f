import type { AppError } from '../../shared/errors';

/** 0 ok; 1 the work failed; 2 the command line was wrong. Scripts rely on these. */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2 } as const;

export interface Output {
  json: boolean;
}

export function printResult(out: Output, value: unknown, human: () => string): void {
  process.stdout.write(out.json ? `${JSON.stringify({ ok: true, value }, null, 2)}\n` : `${human()}\n`);
}

export function printError(out: Output, error: AppError): void {
  if (out.json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`error: ${error.message}\n`);
  if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
}
