import { describe, expect, it } from 'vitest';
import { SkyliftError } from '../../../../shared/errors';
import { assertEncodablePayload, assertUtf8Payload, findInvalidUtf8 } from './payload-encoding';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('findInvalidUtf8', () => {
  it('accepts UTF-8, from ASCII to four-byte characters', () => {
    expect(findInvalidUtf8(Buffer.from('{"a":"é ✓ 🚀 \u{10FFFF}"}'))).toBeNull();
    expect(findInvalidUtf8(bytes())).toBeNull();
  });

  it('names the first byte no character can start with', () => {
    expect(findInvalidUtf8(bytes(0x41, 0x97, 0x41))).toEqual({ offset: 1, byte: 0x97, kind: 'start' });
    expect(findInvalidUtf8(bytes(0xc0, 0x80))).toEqual({ offset: 0, byte: 0xc0, kind: 'start' }); // overlong NUL
    expect(findInvalidUtf8(bytes(0xff))).toEqual({ offset: 0, byte: 0xff, kind: 'start' });
  });

  it('names a bad continuation byte, including surrogates and code points past U+10FFFF', () => {
    expect(findInvalidUtf8(bytes(0xc3, 0x28))).toEqual({ offset: 1, byte: 0x28, kind: 'middle' });
    expect(findInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toEqual({ offset: 1, byte: 0xa0, kind: 'middle' }); // U+D800
    expect(findInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toEqual({ offset: 1, byte: 0x90, kind: 'middle' });
    expect(findInvalidUtf8(bytes(0xe0, 0x80, 0x80))).toEqual({ offset: 1, byte: 0x80, kind: 'middle' }); // overlong
  });

  it('names a character cut short at the end', () => {
    expect(findInvalidUtf8(bytes(0x7b, 0xe2, 0x9c))).toEqual({ offset: 3, byte: 0xe2, kind: 'end' });
  });

  it('stays linear: a 6 MiB payload with its bad byte last is found', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'é');
    big[big.length - 1] = 0xff;
    expect(findInvalidUtf8(big)).toMatchObject({ offset: big.length - 1, kind: expect.any(String) });
  });
});

describe('assertUtf8Payload', () => {
  it("refuses with Lambda's InvalidRequestContentException words and a hint", () => {
    let caught: unknown;
    try {
      assertUtf8Payload(bytes(0x7b, 0xc3, 0x28, 0x7d));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SkyliftError);
    expect(caught).toMatchObject({ code: 'INVALID_REQUEST_CONTENT', message: expect.stringContaining('Invalid UTF-8 middle byte 0x28 (at byte 2)'), hint: expect.stringContaining('UTF-8') });
    expect(() => assertUtf8Payload(Buffer.from('{"ok":true}'))).not.toThrow();
  });
});

describe('assertEncodablePayload', () => {
  it('refuses a lone surrogate instead of sending U+FFFD, and passes whole pairs through as UTF-8', () => {
    expect(() => assertEncodablePayload('{"x":"\uD800"}')).toThrow(/lone UTF-16 surrogate \(at character 6\)/);
    expect(() => assertEncodablePayload('{"x":"\uDC00\uD800"}')).toThrow(SkyliftError);
    expect(assertEncodablePayload('{"x":"😀"}')).toEqual(Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xf0, 0x9f, 0x98, 0x80, 0x22, 0x7d]));
  });

  it('stays linear on 6 MiB of text', () => {
    const text = `${'😀'.repeat(3 * 1024 * 1024)}\uD800`;
    expect(() => assertEncodablePayload(text)).toThrow(SkyliftError);
  });
});
