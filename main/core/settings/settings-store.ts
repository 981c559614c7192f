import { defaultSettings, settingsSchema, type Settings } from '../../../shared/contract';
import type { Db } from '../store/database';

/** Settings live as one JSON value per top-level key, so a new key never needs a migration. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    const parsed = settingsSchema.safeParse({ ...defaultSettings, ...stored });
    // A value an older build wrote that no longer parses falls back to the defaults rather than locking the user out.
    return parsed.success ? parsed.data : defaultSettings;
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(next)) put.run(key, JSON.stringify(value));
    })();
    return next;
  }
}
