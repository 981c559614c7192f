import { describe, expect, it } from 'vitest';
import { resolveDataLocation } from './paths';

describe('resolveDataLocation', () => {
  const home = '/home/ada';

  it('prefers SKYLIFT_HOME over everything', () => {
    const loc = resolveDataLocation({ env: { SKYLIFT_HOME: '/data/sky', XDG_DATA_HOME: '/x' }, electronUserData: '/e', homeDir: home });
    expect(loc).toEqual({ dataDir: '/data/sky', databasePath: '/data/sky/skylift.db', source: 'SKYLIFT_HOME' });
  });

  it("uses Electron's userData in the app", () => {
    expect(resolveDataLocation({ env: { XDG_DATA_HOME: '/x' }, electronUserData: '/e/Skylift', homeDir: home })).toMatchObject({ dataDir: '/e/Skylift', source: 'electron-userData' });
  });

  it('uses XDG_DATA_HOME, then ~/.local/share, elsewhere', () => {
    expect(resolveDataLocation({ env: { XDG_DATA_HOME: '/x' }, homeDir: home })).toMatchObject({ dataDir: '/x/skylift', source: 'XDG_DATA_HOME' });
    expect(resolveDataLocation({ env: {}, homeDir: home })).toMatchObject({ dataDir: '/home/ada/.local/share/skylift', source: 'home' });
  });
});
