import fs from 'node:fs';
import path from 'node:path';
import { SkyliftError } from '../../../shared/errors';
import type { Db } from '../store/database';

export interface Payload {
  name: string;
  body: string;
  source: 'project' | 'saved';
}

const SAMPLE_DIR = 'sample-payloads';

/** Request payloads for a project: its sample-payloads/*.json files, and those saved from Try it. */
export class PayloadStore {
  constructor(private readonly db: Db) {}

  list(projectDir: string): Payload[] {
    const dir = path.join(path.resolve(projectDir), SAMPLE_DIR);
    const files = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, body: fs.readFileSync(path.join(dir, f), 'utf8'), source: 'project' as const }))
      : [];
    const saved = this.db.prepare('SELECT name, body FROM saved_payloads WHERE project_dir = ? ORDER BY name').all(path.resolve(projectDir)) as Array<{ name: string; body: string }>;
    return [...files, ...saved.map((s) => ({ ...s, source: 'saved' as const }))];
  }

  save(projectDir: string, name: string, body: string): Payload {
    try {
      JSON.parse(body);
    } catch {
      throw new SkyliftError({ code: 'BAD_PAYLOAD', message: `"${name}" is not valid JSON, so it was not saved.`, hint: 'Fix the JSON and save again; your text is kept in the editor.' });
    }
    this.db
      .prepare('INSERT INTO saved_payloads (project_dir, name, body, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (project_dir, name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(path.resolve(projectDir), name, body, new Date().toISOString());
    return { name, body, source: 'saved' };
  }

  /** The named payloads (all of them if none are named), as bytes ready to send. */
  resolve(projectDir: string, names: readonly string[]): Buffer[] {
    const all = this.list(projectDir);
    if (all.length === 0) {
      throw new SkyliftError({ code: 'NO_PAYLOAD', message: 'This project has no request payloads.', hint: `Add a JSON file to ${SAMPLE_DIR}/ in the project, or save one in Try it.` });
    }
    const chosen = names.length === 0 ? [all[0]] : names.map((name) => all.find((p) => p.name === name) ?? missing(name, all));
    // A project file is sent as the bytes on disk: decoding it would turn invalid UTF-8 into U+FFFD unseen.
    return chosen.map((p) => (p.source === 'project' ? fs.readFileSync(path.join(path.resolve(projectDir), SAMPLE_DIR, p.name)) : Buffer.from(p.body)));
  }
}

function missing(name: string, all: Payload[]): never {
  throw new SkyliftError({ code: 'NO_PAYLOAD', message: `No payload named "${name}".`, hint: `Choose one of: ${all.map((p) => p.name).join(', ')}.` });
}
