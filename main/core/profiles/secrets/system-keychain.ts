import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The OS keychain as the vault uses it: one string per account under Skylift's service name. */
export interface KeychainStore {
  /** The keychain in words, for messages: "Secret Service", "macOS Keychain"... */
  readonly label: string;
  /** Settings that shape the answer (the D-Bus address), so a message can say what was missing. */
  readonly env: NodeJS.ProcessEnv;
  /** Each call rejects once `signal` aborts, whatever the keychain is doing. */
  set(account: string, value: string, signal?: AbortSignal): Promise<void>;
  /** null when there is no entry. */
  get(account: string, signal?: AbortSignal): Promise<string | null>;
  /** Removing an entry that is not there is not an error. */
  delete(account: string, signal?: AbortSignal): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'skylift';
/** Long enough for the user to answer a keyring's unlock prompt. */
const OPERATION_TIMEOUT_MS = 120_000;

/*
 * Each call runs @napi-rs/keyring in a short-lived child process. On Linux the binding talks to
 * D-Bus synchronously on the calling thread, even in AsyncEntry's constructor: a bus that accepts
 * a connection and never answers hangs that thread for good (a worker thread too, and Node then
 * cannot exit). A child can be killed. The secret travels on the child's stdin, never its argv.
 * Linux pins the Secret Service: the binding's fallback, the kernel keyring, forgets at logout.
 */
const CHILD_SCRIPT = `
const [bindingPath, service, operation, account] = process.argv.slice(1);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  let answer;
  try {
    const { Entry } = require(bindingPath);
    const entry = new Entry(service, account, { linux: { store: 'secret-service' } });
    if (operation === 'set') answer = { ok: true, value: (entry.setPassword(input), null) };
    else if (operation === 'get') answer = { ok: true, value: entry.getPassword() ?? null };
    else answer = { ok: true, value: (entry.deletePassword(), null) };
  } catch (error) {
    answer = { ok: false, message: String((error && error.message) || error) };
  }
  process.stdout.write(JSON.stringify(answer));
});`;

const stores = new Map<string, KeychainStore>();

/**
 * The system keychain through @napi-rs/keyring: the Secret Service on Linux (gnome-keyring,
 * KWallet), Keychain on macOS, Credential Manager on Windows. One store per D-Bus address, so
 * the vault's probe of it is made once per process.
 */
export function systemKeychain(env: NodeJS.ProcessEnv = process.env): KeychainStore {
  const key = env.DBUS_SESSION_BUS_ADDRESS ?? '';
  let store = stores.get(key);
  if (!store) {
    store = createSystemKeychain(env);
    stores.set(key, store);
  }
  return store;
}

function createSystemKeychain(env: NodeJS.ProcessEnv): KeychainStore {
  const call = async (operation: 'set' | 'get' | 'delete', account: string, input: string, signal?: AbortSignal) =>
    runKeyringChild({ operation, account, input, env, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(OPERATION_TIMEOUT_MS)]) : AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
  return {
    label: keychainLabel(),
    env,
    set: async (account, value, signal) => void (await call('set', account, value, signal)),
    get: (account, signal) => call('get', account, '', signal),
    delete: async (account, signal) => void (await call('delete', account, '', signal)),
  };
}

function keychainLabel(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

interface ChildCall {
  operation: 'set' | 'get' | 'delete';
  account: string;
  input: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

function runKeyringChild({ operation, account, input, env, signal }: ChildCall): Promise<string | null> {
  // __filename: the bundle in dist/, or this file under vitest; either finds node_modules.
  const bindingPath = createRequire(__filename).resolve('@napi-rs/keyring');
  return new Promise((resolve, reject) => {
    // ELECTRON_RUN_AS_NODE makes the app's own binary act as Node; plain Node ignores it.
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, bindingPath, KEYCHAIN_SERVICE, operation, account], {
      env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      signal,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined); // the child may die before reading; its exit says why
    child.on('error', (error) => reject(signal.aborted ? new Error('it did not answer in time') : error));
    child.on('close', (code) => {
      if (signal.aborted) return; // 'error' has rejected
      try {
        const answer = JSON.parse(stdout) as { ok: boolean; value?: string | null; message?: string };
        if (answer.ok) resolve(answer.value ?? null);
        else reject(new Error(answer.message ?? 'no reason given'));
      } catch {
        reject(new Error(`the keyring helper exited with code ${code}: ${stderr.trim().split('\n', 1)[0] || 'no output'}`));
      }
    });
    child.stdin.end(input);
  });
}

