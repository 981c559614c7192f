import { ErrorCode, SkyliftError } from '../../shared/errors';

/**
 * Secrets reach the CLI two ways only, never as arguments (which land in shell history and `ps`):
 * a prompt that does not echo when stdin is a terminal, or stdin itself when it is not, one
 * secret per line in the order `labels` gives.
 */
export async function readSecrets(labels: readonly string[]): Promise<string[]> {
  if (labels.length === 0) return [];
  if (process.stdin.isTTY) {
    const values = await promptHidden(labels.map((label) => `${label} (input hidden): `));
    if (values.some((v) => v.length === 0)) throw new SkyliftError({ code: ErrorCode.BadInput, message: 'An empty secret was entered; nothing was saved.', hint: 'Run the command again and paste the secret at the prompt.' });
    return values;
  }
  return secretsFromText(await readAllStdin(), labels);
}

/** Splits what was piped in into one secret per line; messages count lines, never quote them. */
export function secretsFromText(text: string, labels: readonly string[]): string[] {
  const order = labels.join(', then ');
  const usage = (message: string) => new SkyliftError({ code: ErrorCode.BadInput, message, hint: `Pipe ${labels.length === 1 ? 'the secret' : `one secret per line: ${order}`}, e.g. printf '%s' "$SECRET" | skylift profiles add ...; or run in a terminal to be prompted.` });
  if (text.trim().length === 0) throw usage(`No secret on stdin (expected ${order}).`);
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines.length !== labels.length) throw usage(`stdin holds ${lines.length} line${lines.length === 1 ? '' : 's'}; expected ${labels.length} (${order}).`);
  const empty = lines.findIndex((line) => line.length === 0);
  if (empty >= 0) throw usage(`Line ${empty + 1} of stdin (${labels[empty]}) is empty.`);
  return lines;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads one line per label from the terminal in raw mode, so nothing typed or pasted is echoed.
 * Raw mode stays on from the first prompt to the last: a line typed or pasted ahead is kept for
 * the next prompt instead of being echoed by the terminal in between.
 */
function promptHidden(labels: readonly string[]): Promise<string[]> {
  const input = process.stdin;
  const values: string[] = [];
  let current = '';
  let afterCarriageReturn = false;
  // Echo goes off before the prompt shows: whatever is typed in answer to it is never echoed.
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  process.stderr.write(labels[0]);
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      if (error) {
        process.stderr.write('\n');
        reject(error);
      } else resolve(values);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        // A pasted CRLF ends one line, not two.
        const skip = afterCarriageReturn && ch === '\n';
        afterCarriageReturn = ch === '\r';
        if (skip) continue;
        if (ch === '\u0003') return finish(new SkyliftError({ code: ErrorCode.Cancelled, message: 'Cancelled; nothing was saved.' }));
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          values.push(current);
          current = '';
          process.stderr.write('\n');
          if (values.length === labels.length) return finish();
          process.stderr.write(labels[values.length]);
        } else if (ch === '\u007f' || ch === '\b') current = current.slice(0, -1);
        else current += ch;
      }
    };
    input.on('data', onData);
  });
}
