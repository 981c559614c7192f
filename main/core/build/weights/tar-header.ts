/**
 * Tar headers written byte for byte by Skylift (ustar, with a PAX record only for a path or size
 * ustar cannot hold), so a layer's bytes — and so its digest — depend on nothing but its entries.
 */
export const BLOCK = 512;
/** The fixed mtime every entry carries: the same one the build context uses. */
export const LAYER_MTIME_SECONDS = Date.UTC(2000, 0, 1) / 1000;

export interface TarEntryHeader {
  name: string;
  type: 'file' | 'dir';
  mode: number;
  size: number;
}

const MAX_OCTAL_SIZE = 0o77777777777;

export const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

/** The header bytes of one entry (512, or more with a PAX record): its length is known without writing it. */
export function encodeHeader(entry: TarEntryHeader): Buffer {
  const records: Array<[string, string]> = [];
  const split = splitName(entry.name);
  if (!split) records.push(['path', entry.name]);
  const bigSize = entry.size > MAX_OCTAL_SIZE;
  if (bigSize) records.push(['size', String(entry.size)]);
  const main = ustar({ name: split?.name ?? asciiStub(entry.name), prefix: split?.prefix ?? '', type: entry.type === 'dir' ? '5' : '0', mode: entry.mode, size: bigSize ? 0 : entry.size });
  if (records.length === 0) return main;
  const body = Buffer.from(records.map(([key, value]) => paxRecord(key, value)).join(''));
  const pax = ustar({ name: 'PaxHeader', prefix: '', type: 'x', mode: 0o644, size: body.length });
  return Buffer.concat([pax, body, Buffer.alloc(padded(body.length) - body.length), main]);
}

/** How many bytes encodeHeader writes for this entry. */
export function headerLength(entry: TarEntryHeader): number {
  const records: string[] = [];
  if (!splitName(entry.name)) records.push(paxRecord('path', entry.name));
  if (entry.size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(entry.size)));
  if (records.length === 0) return BLOCK;
  return BLOCK + padded(Buffer.byteLength(records.join(''))) + BLOCK;
}

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function ustar(fields: { name: string; prefix: string; type: string; mode: number; size: number }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  octal(block, 100, 8, fields.mode);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, LAYER_MTIME_SECONDS);
  block.fill(' ', 148, 156); // the checksum counts itself as spaces
  block.write(fields.type, 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  // uname and gname stay empty: owners are numeric (0:0) only.
  block.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

function octal(block: Buffer, offset: number, width: number, value: number): void {
  block.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii');
}

/** ustar's name (≤ 100 bytes) and prefix (≤ 155 bytes), split at a slash; null when the path fits neither way. */
function splitName(name: string): { name: string; prefix: string } | null {
  const bytes = Buffer.byteLength(name);
  if (bytes <= 100) return { name, prefix: '' };
  for (let cut = name.indexOf('/'); cut > 0; cut = name.indexOf('/', cut + 1)) {
    const prefix = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest.length > 0) return { name: rest, prefix };
  }
  return null;
}

/** The ustar name field under a PAX path: readers take the PAX path; this only has to be deterministic. */
const asciiStub = (name: string): string => name.replace(/[^\x20-\x7e]/g, '_').slice(-100);

/** "<length> key=value\n", where the length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const base = Buffer.byteLength(` ${key}=${value}\n`);
  let length = base + String(base).length;
  if (String(length).length !== String(length - base).length) length = base + String(length).length;
  return `${length} ${key}=${value}\n`;
}
