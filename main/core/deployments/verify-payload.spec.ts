import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { PayloadStore } from '../runs/payloads';
import { openDatabase } from '../store/database';
import { MAX_VERIFY_PAYLOAD_BYTES, resolveVerifyPayload } from './verify-payload';

describe("verify's payload", () => {
  const tempDir = useTempDir();
  const setup = () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sample-payloads'));
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'a.json'), '{"a":1}');
    fs.writeFileSync(path.join(dir, 'sample-payloads', 'b.json'), '{"b":2}');
    return { dir, payloads: new PayloadStore(openDatabase(path.join(tempDir(), 'skylift.db'))) };
  };

  it("is the project's first sample when none is named, else the named one", () => {
    const { dir, payloads } = setup();
    expect(resolveVerifyPayload(payloads, dir, undefined)).toEqual({ name: 'a.json', body: Buffer.from('{"a":1}') });
    expect(resolveVerifyPayload(payloads, dir, 'b.json').body.toString()).toBe('{"b":2}');
  });

  it('is a file when no payload has that name; a name is never shadowed by a file', () => {
    const { dir, payloads } = setup();
    const file = path.join(tempDir(), 'event.json');
    fs.writeFileSync(file, '{"from":"file"}');
    expect(resolveVerifyPayload(payloads, dir, file).body.toString()).toBe('{"from":"file"}');
    const cwd = process.cwd();
    const here = tempDir();
    fs.writeFileSync(path.join(here, 'a.json'), '{"shadow":true}');
    process.chdir(here);
    try {
      expect(resolveVerifyPayload(payloads, dir, 'a.json').body.toString()).toBe('{"a":1}');
    } finally {
      process.chdir(cwd);
    }
  });

  it("refuses an unknown name that is no file with the names there are, and a file over Lambda's 6 MB", () => {
    const { dir, payloads } = setup();
    expect(() => resolveVerifyPayload(payloads, dir, 'nope.json')).toThrow(expect.objectContaining({ code: 'NO_PAYLOAD', hint: expect.stringContaining('a.json, b.json') }));
    expect(() => resolveVerifyPayload(payloads, dir, tempDir())).toThrow(expect.objectContaining({ code: 'NO_PAYLOAD' })); // a folder is not a payload
    const big = path.join(tempDir(), 'big.json');
    fs.writeFileSync(big, Buffer.alloc(MAX_VERIFY_PAYLOAD_BYTES + 1, 0x20));
    expect(() => resolveVerifyPayload(payloads, dir, big)).toThrow(expect.objectContaining({ code: 'BAD_PAYLOAD', message: expect.stringContaining('6 MB') }));
  });
});
