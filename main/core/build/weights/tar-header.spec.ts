import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { encodeHeader, headerLength } from './tar-header';

/** The first header a tar reader sees in these bytes (PAX records applied). */
function parse(bytes: Buffer): Promise<{ name: string; size: number }> {
  return new Promise((resolve, reject) => {
    const reader = extract();
    reader.on('entry', (header, stream) => {
      resolve({ name: header.name, size: header.size! });
      stream.resume();
      reader.destroy();
    });
    reader.on('error', reject);
    reader.write(bytes);
  });
}

describe('tar headers', () => {
  it.each([
    ['a short name', { name: 'app/w.bin', size: 5 }],
    ['a name split into ustar prefix and name', { name: `app/${'d/'.repeat(60)}w.bin`, size: 5 }],
    ['a name no split can hold (PAX path)', { name: `app/${'x'.repeat(200)}`, size: 5 }],
    ['a size past ustar\'s 8 GiB (PAX size)', { name: 'app/huge.bin', size: 9 * 1024 ** 3 }],
  ])('%s: the length known up front is the length written, and a reader gets the name and size back', async (_what, entry) => {
    const bytes = encodeHeader({ ...entry, type: 'file', mode: 0o644 });
    expect(bytes.length).toBe(headerLength({ ...entry, type: 'file', mode: 0o644 }));
    expect(await parse(Buffer.concat([bytes, Buffer.alloc(1024)]))).toEqual(entry);
  });
});
