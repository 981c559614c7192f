import path from 'node:path';
import { z } from 'zod';
import { secretUnreadable } from './secret-errors';
import { ensureSecretsDir, oneAtATime, readIfExists, writePrivateFileAtomically } from './private-file';

/** A JSON file of one entry per profile id, under `<dataDir>/secrets/`, private to the user. */
export interface SecretMapFile<Entry> {
  readonly path: string;
  read(): Promise<Record<string, Entry>>;
  /** Read, change and write back, one change at a time. */
  update(change: (entries: Record<string, Entry>) => void): Promise<void>;
}

export function openSecretMapFile<Entry>(dataDir: string, fileName: string, entrySchema: z.ZodType<Entry>): SecretMapFile<Entry> {
  const file = path.join(dataDir, 'secrets', fileName);
  const fileSchema = z.object({ version: z.literal(1), profiles: z.record(z.string(), entrySchema) });

  async function read(): Promise<Record<string, Entry>> {
    const text = await readIfExists(file);
    if (text === undefined) return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined; // JSON.parse's message quotes the file's text: secrets
    }
    const parsed = fileSchema.safeParse(value);
    if (!parsed.success) throw secretUnreadable(`${file} is damaged and cannot be read.`, `Move it aside, then enter the profiles' secrets again.`);
    return parsed.data.profiles;
  }

  return {
    path: file,
    read,
    update: (change) =>
      oneAtATime(file, async () => {
        const profiles = await read();
        const before = JSON.stringify(profiles);
        change(profiles);
        if (JSON.stringify(profiles) === before) return; // e.g. deleting what is not there: no file appears
        await ensureSecretsDir(dataDir);
        await writePrivateFileAtomically(file, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
      }),
  };
}
