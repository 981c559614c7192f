import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { ejectedDockerfilePath, readEjectedDockerfile } from './project-files';

describe('readEjectedDockerfile', () => {
  const tempDir = useTempDir();

  it('refuses an oversized ejected Dockerfile unread, sizes in the one byte format', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), 'name: x\n');
    const file = ejectedDockerfilePath(dir, 'local');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 2 * 1024 ** 2); // sparse: nothing written
    expect(() => readEjectedDockerfile(dir, 'local')).toThrow(expect.objectContaining({
      code: 'PROJECT_FILE_TOO_LARGE',
      message: `${file}: 2.0 MiB; Skylift reads at most 1.0 MiB of an ejected Dockerfile.`,
    }));
  });
});
