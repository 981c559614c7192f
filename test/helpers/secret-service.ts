import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PrivateSecretService {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus the keyring answers on. */
  address: string;
  /** Stops the keyring and the bus and removes their temp folder. */
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('../env/secret-service.sh', import.meta.url));

/**
 * A real Secret Service for one test file: test/env/secret-service.sh starts a D-Bus session bus
 * and gnome-keyring-daemon with an unlocked default collection in a temp folder. The script
 * stops both when its stdin closes, so they go away even if the test process dies.
 */
export function startSecretService(timeoutMs = 20_000): Promise<PrivateSecretService> {
  const child = spawn('bash', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`Could not start a private Secret Service: ${why}`));
    };
    const timer = setTimeout(() => fail(`no default collection within ${timeoutMs / 1000} s. ${stderr}`), timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const address = /^DBUS_SESSION_BUS_ADDRESS=(.+)$/m.exec(stdout)?.[1];
      if (!address || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ address, stop });
    });
    child.once('close', (code) => fail(`test/env/secret-service.sh exited with code ${code}. ${stderr.trim()}`));
  });
}
