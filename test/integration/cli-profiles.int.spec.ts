import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStsDouble, type StsDouble } from '../doubles/aws-sts';
import type { CliResult } from '../helpers/cli';
import { useTempDir } from '../helpers/temp';
import { NO_KEYCHAIN_SENTENCE } from '../../main/core/profiles/secrets/secret-errors';

// Generated values in AWS's documented example format; not real credentials.
const alice = { accessKeyId: 'AKIAEXAMPLEALICE0001', secretAccessKey: 'aliceSecretKey/EXAMPLE+0001abcdefghijklmno', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAEXAMPLEALICE0001' };
const BIN = path.resolve('bin/skylift.cjs');

/**
 * The built CLI with stdin piped (never a TTY) and an optional secret written to it. Async, unlike
 * helpers/cli's skylift(): the STS double answers from this process, which spawnSync would block.
 */
function skylift(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

const json = <T>(result: CliResult): T => JSON.parse(result.stdout) as T;
const printed = (result: CliResult) => result.stdout + result.stderr;

// Each command starts a fresh Node and core (about a second, more under a loaded suite); the flows run a dozen.
describe('skylift profiles', { timeout: 90_000 }, () => {
  const tempDir = useTempDir();
  let home: string;
  let env: NodeJS.ProcessEnv;
  let sts: StsDouble;

  beforeEach(async () => {
    home = tempDir();
    // No D-Bus session bus, so no Secret Service: this machine has no keychain. HOME points away from the user's ~/.aws.
    env = { ...process.env, SKYLIFT_HOME: home, HOME: home, DBUS_SESSION_BUS_ADDRESS: undefined, AWS_CONFIG_FILE: path.join(home, 'none-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none-credentials') };
    sts = await startStsDouble([alice]);
  });
  afterEach(() => sts.close());

  const addAlice = (name: string, secret: string) => skylift(['profiles', 'add', 'aws-static', '--name', name, '--region', 'eu-west-1', '--access-key-id', alice.accessKeyId, '--sts-endpoint', sts.url, '--json'], env, secret);
  /** Every byte SQLite wrote: the database and its WAL and shared-memory files. */
  const databaseBytes = () => Buffer.concat(fs.readdirSync(home).filter((f) => f.startsWith('skylift.db')).map((f) => fs.readFileSync(path.join(home, f))));

  it('says in every --help that secrets come from a prompt or stdin', async () => {
    const subcommands = [[], ['list'], ['add'], ['import'], ['test'], ['remove'], ['default'], ['storage']];
    const helps = await Promise.all(subcommands.map((sub) => skylift(['profiles', ...sub, '--help'], env)));
    for (const [i, help] of helps.entries()) {
      expect(help.status, subcommands[i].join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: skylift profiles');
      expect(help.stdout).toMatch(/hidden prompt/);
      expect(help.stdout).toMatch(/stdin/);
    }
  }, 120_000); // eight CLI starts at once: seconds each on a loaded two-core machine

  it('refuses a secret given as an option or an argument, without echoing it', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const base = ['profiles', 'add', 'aws-static', '--name', 'leak', '--region', 'eu-west-1', '--access-key-id', alice.accessKeyId];
    for (const extra of [[`--secret-access-key=${secret}`], ['--secret-access-key', secret], [secret], ['--with-session-token', `--session-token=${secret}`]]) {
      const result = await skylift([...base, ...extra], env);
      expect(result.status, extra.join(' ')).toBe(2);
      expect(printed(result)).not.toContain(secret);
    }
    const named = await skylift([...base, `--secret-access-key=${secret}`], env);
    expect(named.stderr).toContain("unknown option '--secret-access-key'");
    expect(named.stderr).toMatch(/prompt or from stdin/);
  });

  it('names the wrong or missing options by their flags, before any secret is read', async () => {
    const badRegion = await skylift(['profiles', 'add', 'aws-static', '--name', 'a', '--region', 'nowhere', '--access-key-id', alice.accessKeyId], env, alice.secretAccessKey);
    expect(badRegion.status).toBe(2);
    expect(badRegion.stderr).toContain('--region: Enter a region such as eu-west-1');
    const noSource = await skylift(['profiles', 'add', 'aws-assume-role', '--name', 'r', '--region', 'eu-west-1', '--role-arn', 'arn:aws:iam::444455556666:role/deployer'], env);
    expect(noSource.status).toBe(2);
    expect(noSource.stderr).toContain('need --source-profile');
    const stray = await skylift(['profiles', 'add', 'azure-cli', '--name', 'me', '--region', 'eu-west-1'], env);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain('--region does not apply to azure-cli profiles');
  });

  it('reports the storage as insecure where there is no keychain, and refuses to add a secret until the file is opted in to', async () => {
    const storage = await skylift(['profiles', 'storage', '--json'], env);
    expect(storage.status).toBe(0);
    expect(json<{ value: { secure: boolean; backend: string; fileOptIn: { available: boolean; enabled: boolean } } }>(storage).value).toMatchObject({ secure: false, fileOptIn: { available: true, enabled: false } });
    expect((await skylift(['profiles', 'storage'], env)).stdout).toMatch(/NOT secure/);

    const refused = await addAlice('alice', alice.secretAccessKey);
    expect(refused.status).toBe(1);
    expect(json<{ error: { code: string; message: string } }>(refused).error).toMatchObject({ code: 'NO_SECURE_STORAGE', message: NO_KEYCHAIN_SENTENCE });
    expect(printed(refused)).not.toContain(alice.secretAccessKey);

    const unconfirmed = await skylift(['profiles', 'storage', '--allow-insecure-file'], env);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
  });

  it('adds static keys read from stdin, keeps the secret out of output and SQLite, and tests them against STS', async () => {
    const optIn = await skylift(['profiles', 'storage', '--allow-insecure-file', '--yes', '--json'], env);
    expect(optIn.status).toBe(0);
    expect(json<{ value: { fileOptIn: { enabled: boolean } } }>(optIn).value.fileOptIn.enabled).toBe(true);

    const added = await addAlice('alice', `${alice.secretAccessKey}\n`);
    expect(added.status, added.stderr).toBe(0);
    expect(json<{ value: { maskedKeyId: string; hasSecret: boolean } }>(added).value).toMatchObject({ maskedKeyId: 'AKIA…0001', hasSecret: true });
    expect(printed(added)).not.toContain(alice.secretAccessKey);
    expect(databaseBytes().includes(alice.secretAccessKey)).toBe(false);

    const listed = await skylift(['profiles', 'list', '--json'], env);
    expect(json<{ value: unknown[] }>(listed).value).toEqual([expect.objectContaining({ name: 'alice', kind: 'aws-static', source: 'stored', maskedKeyId: 'AKIA…0001', isDefault: true })]);
    expect(listed.stdout).not.toContain(alice.accessKeyId);
    expect((await skylift(['profiles', 'list'], env)).stdout).toMatch(/alice\s+aws\s+aws-static\s+stored\s+AKIA…0001\s+eu-west-1\s+\*\s+never/);

    const tested = await skylift(['profiles', 'test', 'alice'], env);
    expect(tested.status, tested.stderr).toBe(0);
    expect(tested.stdout).toContain(alice.account);
    expect(tested.stdout).toContain(alice.arn);
    expect(printed(tested)).not.toContain(alice.secretAccessKey);
    expect(sts.requests.at(-1)).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: alice.accessKeyId, status: 200 });
    expect((await skylift(['profiles', 'list'], env)).stdout).toMatch(/alice .* ok \d{4}-/);
  });

  it('exits 1 with INVALID_KEY when STS refuses the secret, and 2 when stdin holds the wrong number of lines', async () => {
    await skylift(['profiles', 'storage', '--allow-insecure-file', '--yes'], env);
    const wrongSecret = 'not-the-right-secret-value-000000';
    expect((await addAlice('wrong', wrongSecret)).status).toBe(0);
    const human = await skylift(['profiles', 'test', 'wrong'], env);
    expect(human.status).toBe(1);
    expect(human.stderr).toContain('INVALID_KEY');
    expect(human.stderr).toMatch(/^hint: /m);
    expect(human.stderr).not.toMatch(/\n\s+at /);
    expect(printed(human)).not.toContain(wrongSecret);
    const machine = await skylift(['profiles', 'test', 'wrong', '--json'], env);
    expect(machine.status).toBe(1);
    expect(json<{ ok: boolean; error: { code: string } }>(machine)).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });

    const twoLines = await addAlice('two-lines', `${alice.secretAccessKey}\nan-unexpected-second-line\n`);
    expect(twoLines.status).toBe(2);
    expect(printed(twoLines)).not.toContain(alice.secretAccessKey);
    expect(printed(twoLines)).toMatch(/2 lines; expected 1/);
  });

  it('previews the AWS shared files without secrets, then links the profiles in', async () => {
    const configFile = path.join(home, 'aws-config');
    const credentialsFile = path.join(home, 'aws-credentials');
    fs.writeFileSync(configFile, ['[default]', 'region = eu-west-1', '[profile dev-sso]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = eu-west-1', 'sso_account_id = 111122223333', 'sso_role_name = ReadOnly', '[profile deployer]', 'role_arn = arn:aws:iam::444455556666:role/deployer', 'source_profile = default', ''].join('\n'));
    fs.writeFileSync(credentialsFile, ['[default]', `aws_access_key_id = ${alice.accessKeyId}`, `aws_secret_access_key = ${alice.secretAccessKey}`, ''].join('\n'));
    const files = ['--config-file', configFile, '--credentials-file', credentialsFile];

    const preview = await skylift(['profiles', 'import', ...files, '--dry-run', '--json'], env);
    expect(preview.status, preview.stderr).toBe(0);
    const candidates = json<{ value: { candidates: Array<{ name: string; kind: string; alreadyImported: boolean }> } }>(preview).value.candidates;
    expect(candidates.map((c) => [c.name, c.kind, c.alreadyImported]).sort()).toEqual([['default', 'static', false], ['deployer', 'assume-role', false], ['dev-sso', 'sso', false]]);
    const humanPreview = await skylift(['profiles', 'import', ...files, '--dry-run'], env);
    expect(humanPreview.stdout).toMatch(/dev-sso\s+sso/);
    for (const output of [preview, humanPreview]) expect(printed(output)).not.toContain(alice.secretAccessKey);

    expect((await skylift(['profiles', 'import', ...files], env)).status).toBe(2);
    const imported = await skylift(['profiles', 'import', ...files, '--all', '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(json<{ value: Array<{ name: string; source: string }> }>(imported).value.map((p) => [p.name, p.source]).sort()).toEqual([['default', 'file'], ['deployer', 'file'], ['dev-sso', 'file']]);
    expect(printed(imported)).not.toContain(alice.secretAccessKey);
    expect(databaseBytes().includes(alice.secretAccessKey)).toBe(false);

    const again = await skylift(['profiles', 'import', ...files, '--dry-run', '--json'], env);
    expect(json<{ value: { candidates: Array<{ alreadyImported: boolean }> } }>(again).value.candidates.every((c) => c.alreadyImported)).toBe(true);

    expect((await skylift(['profiles', 'default', 'deployer'], env)).stdout).toContain('"deployer" is now the default AWS profile.');
    const listed = json<{ value: Array<{ name: string; isDefault: boolean }> }>(await skylift(['profiles', 'list', '--json'], env)).value;
    expect(listed.filter((p) => p.isDefault).map((p) => p.name)).toEqual(['deployer']);
  });

  it('removes a profile only with --yes when stdin is not a terminal', async () => {
    fs.writeFileSync(path.join(home, 'aws-config'), '[profile dev]\nregion = eu-west-1\ncredential_process = /bin/false\n');
    await skylift(['profiles', 'import', '--config-file', path.join(home, 'aws-config'), 'dev'], env);

    const refused = await skylift(['profiles', 'remove', 'dev'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(json<{ value: unknown[] }>(await skylift(['profiles', 'list', '--json'], env)).value).toHaveLength(1);

    const missing = await skylift(['profiles', 'remove', 'nobody', '--yes'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No profile "nobody"');

    const removed = await skylift(['profiles', 'remove', 'dev', '--yes'], env);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Removed "dev".');
    expect(json<{ value: unknown[] }>(await skylift(['profiles', 'list', '--json'], env)).value).toEqual([]);
  });
});
