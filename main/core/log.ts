import fs from 'node:fs';
import path from 'node:path';
import { redactor } from './redact';

export interface ErrorLog {
  /** Records an unexpected error with its stack for whoever debugs it; users never see this. */
  error(context: string, error: unknown): void;
  readonly file: string;
}

export function createErrorLog(dataDir: string, redact: (text: string) => string = redactor.redact): ErrorLog {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'skylift.log');
  return {
    file,
    error(context, error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.appendFileSync(file, redact(`${new Date().toISOString()} ${context}: ${detail}\n`), { mode: 0o600 });
      } catch {
        // Logging must never take the app down; a full or read-only disk loses only the log line.
      }
    },
  };
}
