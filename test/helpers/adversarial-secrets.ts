/**
 * Text shaped to make a backtracking secret scrubber quadratic: long runs it would rescan from
 * every position (base64url with dashes, `eyJ-eyJ-…`, `secretsecret…`), unterminated blocks, and
 * megabyte-long values. Each makes about `size` characters.
 */
export const adversarialSecretShapes: Record<string, (size: number) => string> = {
  'base64url run with dashes': (n) => 'aB3-'.repeat(n / 4),
  'eyJ- repeated': (n) => 'eyJ-'.repeat(n / 4),
  'secret repeated, no separator': (n) => 'secret'.repeat(n / 6),
  'secret= repeated': (n) => 'secret='.repeat(n / 7),
  'x-secret- repeated': (n) => 'x-secret-'.repeat(n / 9),
  'base64 with + and /': (n) => 'QUJD+/eHl6'.repeat(n / 10),
  'authorization then spaces': (n) => `authorization${' '.repeat(n)}`,
  'BEGIN without PRIVATE KEY': (n) => '-----BEGIN AAAA '.repeat(n / 16),
  'unterminated PEM block': (n) => `-----BEGIN RSA PRIVATE KEY-----\n${'QUJD'.repeat(n / 4)}`,
  'Q~ repeated': (n) => 'abc1Q~'.repeat(n / 6),
  'sig= repeated': (n) => 'sig=abc '.repeat(n / 8),
  'eyJ dotted runs': (n) => 'eyJabcdefgh.'.repeat(n / 12),
  'password= one huge value': (n) => `password=${'x'.repeat(n)}`,
};

/** Milliseconds for the fastest of `runs` calls (the minimum is the least noisy on a shared machine). */
export function fastestMs(run: () => unknown, runs = 2): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
