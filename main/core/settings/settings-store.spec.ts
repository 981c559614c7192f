import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { openDatabase } from '../store/database';
import { SettingsStore } from './settings-store';

describe('SettingsStore', () => {
  const tempDir = useTempDir();

  it('starts from the defaults and keeps a saved endpoint across reopen', () => {
    const file = path.join(tempDir(), 'skylift.db');
    const first = openDatabase(file);
    expect(new SettingsStore(first).get()).toEqual({ engine: { kind: 'auto' }, lambdaMaxEnvironments: 4, localStartupTimeoutSeconds: 300 });
    new SettingsStore(first).update({ engine: { kind: 'ssh', host: 'gpu-box', port: 2222, username: 'ml' } });
    first.close();
    const second = openDatabase(file);
    expect(new SettingsStore(second).get().engine).toEqual({ kind: 'ssh', host: 'gpu-box', port: 2222, username: 'ml' });
    second.close();
  });

  it('refuses an invalid value and keeps the previous one', () => {
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    const store = new SettingsStore(db);
    store.update({ engine: { kind: 'socket', path: '/run/docker.sock' } });
    expect(() => store.update({ engine: { kind: 'socket', path: '  ' } })).toThrow();
    expect(store.get().engine).toEqual({ kind: 'socket', path: '/run/docker.sock' });
    db.close();
  });

  it('keeps the Lambda environment cap within 1..64', () => {
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    const store = new SettingsStore(db);
    expect(store.update({ lambdaMaxEnvironments: 8 }).lambdaMaxEnvironments).toBe(8);
    expect(() => store.update({ lambdaMaxEnvironments: 0 })).toThrow();
    expect(store.get()).toEqual({ engine: { kind: 'auto' }, lambdaMaxEnvironments: 8, localStartupTimeoutSeconds: 300 });
    db.close();
  });

  it('keeps the startup deadline for local runs within 5 s..1 h, 300 s unless set', () => {
    const db = openDatabase(path.join(tempDir(), 'skylift.db'));
    const store = new SettingsStore(db);
    expect(store.get().localStartupTimeoutSeconds).toBe(300);
    expect(store.update({ localStartupTimeoutSeconds: 20 }).localStartupTimeoutSeconds).toBe(20);
    expect(() => store.update({ localStartupTimeoutSeconds: 0 })).toThrow();
    expect(() => store.update({ localStartupTimeoutSeconds: 3601 })).toThrow();
    expect(store.get().localStartupTimeoutSeconds).toBe(20);
    db.close();
  });
});
