import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, SkyliftError } from '../../../shared/errors';

export interface Sample {
  name: string;
  title: string;
  description: string;
}

/** The sample projects shipped in resources/samples, described by their README's title and first paragraph. */
export function listSamples(samplesDir: string): Sample[] {
  if (!fs.existsSync(samplesDir)) return [];
  return fs
    .readdirSync(samplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(samplesDir, entry.name, 'skylift.yaml')))
    .map((entry) => describe(samplesDir, entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function describe(samplesDir: string, name: string): Sample {
  const readme = path.join(samplesDir, name, 'README.md');
  const text = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '';
  const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? name;
  const paragraph = text.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !p.startsWith('#')) ?? '';
  return { name, title, description: paragraph.replace(/\s+/g, ' ') };
}

/** Copies a sample into a folder the user picked; refuses to overwrite anything there. */
export function createFromSample(samplesDir: string, sample: string, targetDir: string): string {
  const source = path.join(samplesDir, sample);
  if (!/^[a-z0-9-]+$/.test(sample) || !fs.existsSync(path.join(source, 'skylift.yaml'))) {
    const known = listSamples(samplesDir).map((s) => s.name);
    throw new SkyliftError({ code: ErrorCode.NotFound, message: `No sample named "${sample}".`, hint: `Choose one of: ${known.join(', ')}.` });
  }
  const target = path.resolve(targetDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new SkyliftError({ code: 'TARGET_NOT_EMPTY', message: `${target} is not empty.`, hint: 'Pick a new or empty folder; nothing was copied.' });
  }
  fs.cpSync(source, target, { recursive: true, filter: (src) => !src.includes('__pycache__') && !src.endsWith('.pyc') });
  return target;
}
