import { describe, expect, it } from 'vitest';
import { skylift } from '../helpers/cli';
import { dockerServerVersion } from '../helpers/docker';
import { useTempDir } from '../helpers/temp';

describe('skylift CLI', () => {
  const tempDir = useTempDir();
  const env = () => ({ SKYLIFT_HOME: tempDir() });

  it('skylift engine --json reports the live engine and exits 0', () => {
    const result = skylift(['engine', '--json'], env());
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ ok: true, value: { reachable: true, info: { serverVersion: dockerServerVersion() } } });
  });

  it('skylift engine prints readable facts', () => {
    const result = skylift(['engine'], env());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Docker\\s+${dockerServerVersion().replace(/[.+]/g, '\\$&')}`));
    expect(result.stdout).toMatch(/GPU\s+not usable/);
  });

  it('exits 1 with a message and a hint, and no stack trace, when the engine is unreachable', () => {
    const result = skylift(['engine'], { ...env(), DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: Docker engine not reachable at unix:///nonexistent/docker.sock');
    expect(result.stderr).toContain('hint: Start the Docker engine');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const json = skylift(['engine', '--json'], { ...env(), DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } });
  });

  it('exits 2 on bad usage, and 0 with help on every subcommand', () => {
    expect(skylift(['no-such-command'], env()).status).toBe(2);
    expect(skylift(['engine', '--bogus'], env()).status).toBe(2);
    expect(skylift(['serve', '--port', 'seventy'], env()).status).toBe(2);
    for (const sub of [[], ['serve'], ['engine']]) {
      const help = skylift([...sub, '--help'], env());
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Usage: skylift');
    }
  });

  it('refuses a --startup-timeout outside the Settings range, saying the range', () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', '.', '--startup-timeout', '2'], /At least 5 seconds/],
      [['invoke', '.', '--payload', '-', '--startup-timeout', 'soon'], /Enter a number/],
      [['bench', '.', '--startup-timeout', '99999'], /At most 3600 seconds/],
    ];
    for (const [args, message] of cases) {
      const result = skylift(args, env());
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses a non-loopback bind without --allow-remote', () => {
    const result = skylift(['serve', '--host', '0.0.0.0', '--port', '0'], env());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--allow-remote');
  });
});
