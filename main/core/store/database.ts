import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SkyliftError } from '../../../shared/errors';
import { migrations as defaultMigrations } from './migrations';

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, migrations: readonly string[] = defaultMigrations): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw new SkyliftError({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot open Skylift's database at ${file}.`,
      hint: 'Check that the folder is writable, or point SKYLIFT_HOME at another folder.',
      details: { reason: (cause as Error).message },
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: readonly string[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new SkyliftError({
      code: 'STORE_TOO_NEW',
      message: `The database was written by a newer Skylift (schema ${current}, this build knows ${migrations.length}).`,
      hint: 'Update Skylift, or set SKYLIFT_HOME to use a separate data folder with this version.',
    });
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
