import { describe, expect, it } from 'vitest';
import { adversarialSecretShapes, fastestMs } from '../../test/helpers/adversarial-secrets';
import { Redactor, maskKeyId } from './redact';

describe('Redactor', () => {
  it('scrubs every secret it was told about, wherever it appears', () => {
    const r = new Redactor();
    r.remember('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', undefined, 'short');
    expect(r.redact('signing with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY failed')).toBe('signing with [redacted] failed');
    // Too short to scrub everywhere without mangling ordinary text.
    expect(r.redact('a short word')).toBe('a short word');
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    const r = new Redactor();
    r.remember('abcdefgh12', 'abcdefgh1234567890');
    expect(r.redact('x abcdefgh1234567890 y')).toBe('x [redacted] y');
  });

  it('recognises secrets it never saw', () => {
    const r = new Redactor();
    const cases: Array<[string, string]> = [
      ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', 'aws_secret_access_key = [redacted]'],
      ['{"clientSecret":"abc~def.ghi_jkl"}', '{"clientSecret":"[redacted]"}'],
      ['Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQifQ.c2lnbmF0dXJlLXZhbHVl', 'Authorization: [redacted]'],
      ['token eyJ0eXAiOiJKV1QiLCJh.eyJhdWQiOiJodHRwczov.c2lnbmF0dXJl end', 'token [redacted] end'],
      ['x-amz-security-token: IQoJb3JpZ2luX2VjEJr', 'x-amz-security-token: [redacted]'],
      ['secret was Abc8Q~abcdefghijklmnopqrstuvwxyz01234 ok', 'secret was [redacted] ok'],
      ['-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\nafter', '[redacted]\nafter'],
      ['https://x.blob.core.windows.net/c?sv=2022&sig=abcdefghijklmnop%2Bqrst', 'https://x.blob.core.windows.net/c?sv=2022&sig=[redacted]'],
    ];
    for (const [input, expected] of cases) expect(r.redact(input)).toBe(expected);
  });

  it('masks an unterminated PEM header and its key material only, never the rest of the text', () => {
    const r = new Redactor();
    const cases: Array<[string, string]> = [
      // A model's JSON answer: the closing quote and brace stay, so the output is still JSON.
      ['{"data":"-----BEGIN PRIVATE KEY----- abc"}', '{"data":"[redacted]"}'],
      ['-----BEGIN RSA PRIVATE KEY-----\nMIIEvQ\nQUJD+/==\n\nafter the key', '[redacted]\n\nafter the key'],
      ['-----BEGIN PRIVATE KEY-----\r\nMIIEvQ\r\nnot key material here', '[redacted]\r\nnot key material here'],
      // JSON-escaped line breaks, as a key looks inside a logged JSON string.
      ['{"key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\nQUJD"}, "next": 1', '{"key":"[redacted]"}, "next": 1'],
      ['-----BEGIN PRIVATE KEY----- abc def, and more words', '[redacted], and more words'],
      // A header cut short before a complete block: each is masked on its own; the text between is kept.
      ['-----BEGIN PRIVATE KEY----- x; keep me -----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY----- tail', '[redacted]; keep me [redacted] tail'],
      ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ];
    for (const [input, expected] of cases) expect(r.redact(input)).toBe(expected);
    expect(JSON.parse(r.redact(JSON.stringify({ data: '-----BEGIN PRIVATE KEY----- abc' })))).toEqual({ data: '[redacted]' });
  });

  it('leaves ordinary text alone', () => {
    const text = 'Step 3/7 : RUN pip install numpy==2.1 (password prompts disabled)';
    expect(new Redactor().redact(text)).toBe(text);
  });
});

describe('Redactor on adversarial text', () => {
  const MB = 1_000_000;
  const redactor = new Redactor();
  redactor.remember('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');

  // Before the fix, 100 KB of `eyJ-` took 23 s and doubling the input quadrupled the time. Linear
  // cost means one 8 MB text costs about what eight 1 MB texts cost; quadratic would be 8× that, so
  // 4× separates them with room for a busy machine (and under 100 ms nothing is measurable). The
  // 1 MB case alone took minutes with the old patterns.
  it.each(Object.keys(adversarialSecretShapes))('stays linear in the text: %s', (shape) => {
    const make = adversarialSecretShapes[shape];
    const small = make(MB);
    const large = make(8 * MB);
    redactor.redact(small); // warm-up: compile the patterns
    const eightSmallMs = fastestMs(() => {
      for (let i = 0; i < 8; i++) redactor.redact(small);
    });
    const largeMs = fastestMs(() => redactor.redact(large));
    expect(eightSmallMs).toBeLessThan(8 * 5_000);
    expect(largeMs).toBeLessThan(Math.max(4 * eightSmallMs, 100));
  });

  it.each([
    ['PEM headers, never ended', (n: number) => '-----BEGIN PRIVATE KEY----- QUJD '.repeat(n / 33)],
    ['PEM headers, one END at the very end', (n: number) => `${'-----BEGIN PRIVATE KEY-----\nQUJD\n'.repeat(n / 33)}-----END PRIVATE KEY-----`],
    ['END lines without headers', (n: number) => `-----BEGIN PRIVATE KEY----- ${'-----END X PRIVATE KEY----- '.repeat(n / 29)}`],
  ])('stays linear in the text: %s', (_shape, make) => {
    const small = make(MB);
    const large = make(8 * MB);
    redactor.redact(small);
    const eightSmallMs = fastestMs(() => {
      for (let i = 0; i < 8; i++) redactor.redact(small);
    });
    const largeMs = fastestMs(() => redactor.redact(large));
    expect(largeMs).toBeLessThan(Math.max(4 * eightSmallMs, 100));
  });

  it('still masks what it finds inside a huge text, and keeps its length otherwise', () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJh.eyJhdWQiOiJodHRwczov.c2lnbmF0dXJl';
    const filler = 'aB3-'.repeat(MB / 4);
    const out = redactor.redact(`${filler} ${jwt} ${filler} password=hunter2hunter2 ${filler}`);
    expect(out).toBe(`${filler} [redacted] ${filler} password=[redacted] ${filler}`);
  });
});

describe('maskKeyId', () => {
  it('keeps the first and last four characters only', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskKeyId('short')).toBe('…');
  });
});
