import { describe, expect, it } from 'vitest';
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

  it('leaves ordinary text alone', () => {
    const text = 'Step 3/7 : RUN pip install numpy==2.1 (password prompts disabled)';
    expect(new Redactor().redact(text)).toBe(text);
  });
});

describe('maskKeyId', () => {
  it('keeps the first and last four characters only', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskKeyId('short')).toBe('…');
  });
});
