import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SkyliftError } from '../../../shared/errors';
import { migrations as defaultMigrations } from './migrations';

export type Db = Database.Database;

/** How long a connection waits for another process's lock (the app and a CLI command, or eight CLIs at once). */
const BUSY_TIMEOUT_MS = 10_000;
const HOME_HINT = 'point SKYLIFT_HOME at another folder';

/**
 * Opens (creating if needed, readable by this user only) the SQLite file in WAL mode and brings its
 * schema up to date. Every failure is a STORE_* SkyliftError with a hint, never a raw SqliteError.
 */
export function openDatabase(file: string, migrations: readonly string[] = defaultMigrations): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = connect(file);
  try {
    // The busy timeout first: every statement after it, the WAL switch included, may meet a lock.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw storeError(error, file);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A new file is made 0600 before SQLite opens it; SQLite gives new -wal and -shm files the same mode. */
function connect(file: string): Db {
  try {
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    for (const name of [file, `${file}-wal`, `${file}-shm`]) tightenToOwner(name);
    return new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (cause) {
    throw new SkyliftError({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot open Skylift's database at ${file}.`,
      hint: `Check that the folder is writable, or ${HOME_HINT}.`,
      details: { reason: (cause as Error).message },
    });
  }
}

/** Files an older Skylift left readable by others are narrowed; one we may not chmod (another owner) is left as it is. */
function tightenToOwner(name: string): void {
  try {
    if ((fs.statSync(name).mode & 0o077) !== 0) fs.chmodSync(name, 0o600);
  } catch {
    // Missing (-wal/-shm before first use) or not ours to change: opening decides whether it is usable.
  }
}

/**
 * Checks the version and applies what is missing inside one exclusive transaction, reading
 * user_version again once the lock is held: processes that open a fresh folder together queue on
 * the lock, and each one after the first finds the schema done. A failing migration rolls the
 * whole upgrade back, so the file stays at the version it had.
 */
function migrate(db: Db, migrations: readonly string[]): void {
  if (schemaVersion(db) === migrations.length) return; // the common case: nothing to do, no lock taken
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > migrations.length) throw tooNew(current, migrations.length);
    for (let version = current; version < migrations.length; version++) db.exec(migrations[version]);
    db.pragma(`user_version = ${migrations.length}`);
  }).exclusive();
}

function tooNew(current: number, known: number): SkyliftError {
  return new SkyliftError({
    code: 'STORE_TOO_NEW',
    message: `The database was written by a newer Skylift (schema ${current}, this build knows ${known}).`,
    hint: 'Update Skylift, or set SKYLIFT_HOME to use a separate data folder with this version.',
  });
}

function storeError(error: unknown, file: string): SkyliftError {
  if (error instanceof SkyliftError) return error;
  const code = (error as { code?: string }).code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new SkyliftError({
      code: 'STORE_CORRUPT',
      message: `Skylift's database at ${file} is damaged or is not a database.`,
      hint: `Move the file aside (Skylift makes a new one on the next start), or ${HOME_HINT}.`,
      details: { reason },
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new SkyliftError({
      code: 'STORE_BUSY',
      message: `Skylift's database at ${file} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s.`,
      hint: 'Close other Skylift windows or commands using this data folder and try again.',
      details: { reason },
    });
  }
  return new SkyliftError({ code: 'STORE_UNAVAILABLE', message: `Cannot use Skylift's database at ${file}: ${reason.split('\n', 1)[0]}`, hint: `Check the disk and the folder's permissions, or ${HOME_HINT}.`, details: { reason } });
}
