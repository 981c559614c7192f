import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';

/** Runs only the script's mirror resolution (`--print-mirror`) against an apt configuration made of the given files. */
function printMirror(aptDir: string, files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  fs.mkdirSync(path.join(aptDir, 'sources.list.d'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(aptDir, name), text);
  const { DEBIAN_MIRROR: _ignored, ...clean } = process.env;
  const result = spawnSync('bash', ['test/env/base-image.sh', '--print-mirror'], { env: { ...clean, SKYLIFT_APT_DIR: aptDir, ...env }, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, mirror: result.stdout.trim(), stderr: result.stderr };
}

const SECURITY_STANZA = 'Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\nComponents: main\n';

describe('test/env/base-image.sh mirror resolution', () => {
  const tempDir = useTempDir();

  it("takes the main archive from a deb822 .sources file, skipping security, deb-src and disabled stanzas", () => {
    const sources = [
      SECURITY_STANZA,
      'Types: deb-src\nURIs: http://src.example/debian\nSuites: bookworm\nComponents: main\n',
      'Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n',
      '# a comment\nTypes: deb\nURIs: https://mirror.example/debian/\nSuites: bookworm bookworm-updates\nComponents: main contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n',
    ].join('\n');
    expect(printMirror(tempDir(), { 'sources.list.d/debian.sources': sources })).toEqual({ status: 0, mirror: 'https://mirror.example/debian', stderr: '' });
  });

  it('reads one-line sources.list entries with options, passing over third-party repositories', () => {
    const list = [
      '# deb http://commented.example/debian bookworm main',
      'deb [arch=amd64 signed-by=/k.gpg] https://download.docker.com/linux/debian bookworm stable',
      'deb https://deb.nodesource.com/node_20.x nodistro main',
      'deb-src http://src.example/debian bookworm main',
      'deb [signed-by=/usr/share/keyrings/debian.gpg] http://ftp.example.org/debian/ bookworm main non-free-firmware',
    ].join('\n');
    expect(printMirror(tempDir(), { 'sources.list': list }).mirror).toBe('http://ftp.example.org/debian');
  });

  it('fails with a clear error when no Debian mirror is configured (an Ubuntu machine), and DEBIAN_MIRROR overrides', () => {
    const dir = tempDir();
    const ubuntu = printMirror(dir, { 'sources.list': 'deb http://archive.ubuntu.com/ubuntu jammy main restricted\n' });
    expect(ubuntu.status).not.toBe(0);
    expect(ubuntu.mirror).toBe('');
    expect(ubuntu.stderr).toContain('no http(s) Debian mirror found');
    expect(ubuntu.stderr).toContain('Set DEBIAN_MIRROR');
    expect(printMirror(dir, {}, { DEBIAN_MIRROR: 'http://local.mirror/debian' })).toMatchObject({ status: 0, mirror: 'http://local.mirror/debian' });
    expect(printMirror(tempDir(), {}).status).not.toBe(0);
  });

  it("finds this machine's own mirror", (ctx) => {
    if (!fs.existsSync('/etc/apt')) ctx.skip('not an apt-based machine: set DEBIAN_MIRROR to make the base image');
    const result = spawnSync('bash', ['test/env/base-image.sh', '--print-mirror'], { encoding: 'utf8', timeout: 10_000 });
    expect(result.stdout.trim()).toMatch(/^https?:\/\/\S+$/);
  });
});
