import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundleOpenStoreChild, openTogether } from '../../../test/helpers/open-store-child';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';

describe('openDatabase', () => {
  const tempDir = useTempDir();

  it('creates the file, applies every migration and turns on WAL', () => {
    const file = path.join(tempDir(), 'nested', 'skylift.db');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['jobs', 'job_events', 'settings']));
    db.close();
  });

  it('upgrades an existing empty file and keeps data across reopen', () => {
    const file = path.join(tempDir(), 'skylift.db');
    fs.writeFileSync(file, '');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    expect(schemaVersion(second)).toBe(migrations.length);
    second.close();
  });

  it('applies only the migrations a file has not seen yet, in order', () => {
    const file = path.join(tempDir(), 'skylift.db');
    openDatabase(file, ['CREATE TABLE a (x INTEGER);']).close();
    const db = openDatabase(file, ['CREATE TABLE a (x INTEGER);', 'ALTER TABLE a ADD COLUMN y TEXT;']);
    expect(schemaVersion(db)).toBe(2);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('a');
    expect(columns).toEqual(['x', 'y']);
    db.close();
  });

  it('rolls back a failing upgrade whole and leaves the version where it was', () => {
    const file = path.join(tempDir(), 'skylift.db');
    openDatabase(file, ['CREATE TABLE a (x INTEGER);']).close();
    expect(() => openDatabase(file, ['CREATE TABLE a (x INTEGER);', 'CREATE TABLE b (y); THIS IS NOT SQL;'])).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses a database written by a newer Skylift, with a hint', () => {
    const file = path.join(tempDir(), 'skylift.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'STORE_TOO_NEW', hint: expect.stringContaining('SKYLIFT_HOME') }));
  });

  it('creates the database and its -wal and -shm files readable by this user only', () => {
    const file = path.join(tempDir(), 'skylift.db');
    const db = openDatabase(file);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect((fs.statSync(name).mode & 0o777).toString(8)).toBe('600');
    db.close();
  });

  it('tightens an existing database and -wal file that others could read', () => {
    const file = path.join(tempDir(), 'skylift.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    fs.chmodSync(`${file}-wal`, 0o644);
    openDatabase(file).close();
    for (const name of [file, `${file}-wal`]) if (fs.existsSync(name)) expect((fs.statSync(name).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses a file that is not a database with a STORE error, not a crash', () => {
    const file = path.join(tempDir(), 'skylift.db');
    fs.writeFileSync(file, 'this is not SQLite '.repeat(500));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT', hint: expect.stringContaining('Move the file aside') }));
  });

  // Before: eight commands on a fresh folder failed 26 times in 120 ("table settings already exists").
  it('lets many processes open a fresh data folder at the same moment, every one succeeding', async () => {
    const dir = tempDir();
    const child = await bundleOpenStoreChild(dir);
    const failures: string[] = [];
    for (let round = 0; round < 12; round++) {
      const file = path.join(dir, `round-${round}`, 'skylift.db');
      const outcomes = await openTogether(child, file, 8);
      failures.push(...outcomes.filter((o) => o !== 'ok').map((o) => `round ${round}: ${o}`));
      const raw = new Database(file);
      expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
      raw.close();
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
