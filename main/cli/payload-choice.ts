import fs from 'node:fs';
import path from 'node:path';
import { SkyliftError, type CallOutput } from '../../shared/contract';
import type { CoreCall } from './dispatch';
import { readPayload } from './read-payload';

type Payloads = CallOutput<'payloads', 'list'>;

/**
 * `--payload X` means the same in `invoke` and `bench`: a payload of the project named X (a file in
 * its sample-payloads/, or one saved in Try it) wins; else X is a file to read (`-`: stdin for
 * invoke). A name that is also a file here is said to be the name; `./X` sends the file instead.
 */
export interface PayloadChoice {
  /** What was used, in words, for stderr. */
  said: string;
}

const known = async (call: CoreCall, dir: string): Promise<Payloads> => call('payloads', 'list', { dir }).catch(() => []);

const alsoAFile = (source: string) => (fs.existsSync(source) ? ` (not the file ${source}: pass ./${source} for it)` : '');

const described = (p: Payloads[number]) => `the ${p.source === 'project' ? 'sample' : 'saved'} payload "${p.name}"`;

/** invoke's one payload, as bytes (a project file is sent as the bytes on disk). */
export async function invokePayload(call: CoreCall, dir: string, source: string): Promise<PayloadChoice & { bytes: Buffer }> {
  if (source === '-') return { bytes: await readPayload(source), said: 'payload: stdin' };
  const all = await known(call, dir);
  const named = all.find((p) => p.name === source);
  if (named) {
    const bytes = named.source === 'project' ? await readPayload(path.join(dir, 'sample-payloads', named.name)) : Buffer.from(named.body);
    return { bytes, said: `payload: ${described(named)}${alsoAFile(source)}` };
  }
  if (!fs.existsSync(source)) throw neither(source, all);
  return { bytes: await readPayload(source), said: `payload: the file ${source}` };
}

/**
 * bench's payload names: project payloads as they are; a file is saved for the project under its
 * file name (bench sends payloads by name, as the UI's Bench form does) and then named.
 */
export async function benchPayloads(call: CoreCall, dir: string, sources: readonly string[]): Promise<{ names: string[]; said: string[] }> {
  const all = await known(call, dir);
  const names: string[] = [];
  const said: string[] = [];
  for (const source of sources) {
    const named = all.find((p) => p.name === source);
    if (named) {
      names.push(named.name);
      said.push(`payload: ${described(named)}${alsoAFile(source)}`);
      continue;
    }
    if (!fs.existsSync(source)) throw neither(source, all);
    const name = path.basename(source);
    const clash = all.find((p) => p.name === name && p.source === 'project');
    if (clash) throw new SkyliftError({ code: 'BAD_INPUT', message: `The file ${source} has the name of the project's sample payload "${name}".`, hint: `Pass ${name} to send the sample, or rename the file.` });
    const saved = await call('payloads', 'save', { dir, name, body: (await readPayload(source)).toString('utf8') });
    names.push(saved.name);
    said.push(`payload: the file ${source}, saved for this project as "${saved.name}"`);
  }
  return { names, said };
}

function neither(source: string, all: Payloads): SkyliftError {
  const choices = all.length ? `; or one of this project's payloads: ${all.map((p) => p.name).join(', ')}` : '';
  return new SkyliftError({
    code: 'NOT_FOUND',
    message: `No payload file at ${source}, and the project has no payload named "${source}".`,
    hint: `Pass a JSON file (or - to read stdin, for invoke)${choices}.`,
  });
}
