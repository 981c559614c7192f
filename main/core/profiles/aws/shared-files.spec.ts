import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewImport, sharedFilePaths } from './shared-files';

describe('AWS shared files', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const files = (config: string, credentials: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-aws-files-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'config'), config);
    fs.writeFileSync(path.join(dir, 'credentials'), credentials);
    return { configFile: path.join(dir, 'config'), credentialsFile: path.join(dir, 'credentials') };
  };

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws', () => {
    expect(sharedFilePaths({ HOME: '/home/u' })).toEqual({ configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
    expect(sharedFilePaths({ HOME: '/home/u', AWS_CONFIG_FILE: '/etc/aws/c', AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/k' })).toEqual({ configFile: '/etc/aws/c', credentialsFile: '/etc/aws/k' });
  });

  it('names each profile\'s kind, masks keys, and points at lines the SDK would silently skip — by number only', async () => {
    const paths = files(
      '[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n[profile role]\nrole_arn = arn:aws:iam::111122223333:role/r\nsource_profile = default\n[profile broken\nregion eu-west-1\n',
      '[default]\naws_access_key_id = AKIAEXAMPLEKEY000001\naws_secret_access_key = do-not-show-this-000\n  # indented continuation\n',
    );
    const preview = await previewImport(paths, (name) => (name === 'role' ? 'linked' : null));
    expect(preview.candidates.map((c) => c.name).sort()).toEqual(['default', 'role', 'sso']);
    const byName = Object.fromEntries(preview.candidates.map((c) => [c.name, c]));
    expect(byName.default).toMatchObject({ kind: 'static', maskedKeyId: 'AKIA…0001', copyable: true, conflict: null });
    expect(byName.sso).toMatchObject({ kind: 'sso', copyable: false, fields: { sso_session: 'corp' } });
    expect(byName.role).toMatchObject({ kind: 'assume-role', alreadyImported: true, conflict: 'linked' });
    expect(preview.warnings.filter((w) => w.includes('line'))).toEqual([`${paths.configFile}, line 11: not a [section] or key = value line; the SDK ignores it.`, `${paths.configFile}, line 12: not a [section] or key = value line; the SDK ignores it.`]);
    expect(JSON.stringify(preview)).not.toContain('do-not-show-this');
  });
});
