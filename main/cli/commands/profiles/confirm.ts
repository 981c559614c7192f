import readline from 'node:readline/promises';

/** Whether a person can answer a question: a confirmation needs a terminal on stdin. */
export const canAsk = (): boolean => process.stdin.isTTY === true;

/** Asks a yes/no question on the terminal; anything but y or yes is no. */
export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
