import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp';
import { requireProject } from '../project/project-files';
import { dockerfileFor } from './variant-dockerfiles';

const yaml = (baseImage?: string) =>
  `name: ejected\npython: "3.11"\nframework: {name: none}\nmodel: model:M\ntargets:\n  local: {${baseImage ? `baseImage: "${baseImage}"` : ''}}\n`;

describe('dockerfileFor with an ejected Dockerfile', () => {
  const tempDir = useTempDir();

  function project(baseImage?: string): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylift.yaml'), yaml(baseImage));
    fs.mkdirSync(path.join(dir, '.skylift'));
    fs.writeFileSync(path.join(dir, '.skylift', 'Dockerfile.local'), 'FROM my.registry/team/base:7\nRUN true\n');
    return dir;
  }

  it('refuses a --base-image the ejected FROM would silently override, saying what decides and how to change it', () => {
    const dir = project();
    expect(() => dockerfileFor(requireProject(dir), 'local', '0', { baseImage: 'python:3.12-slim' })).toThrow(
      expect.objectContaining({
        code: 'EJECTED_DOCKERFILE_DECIDES',
        message: expect.stringMatching(/python:3\.12-slim \(--base-image.*\) would be ignored: .*\.skylift\/Dockerfile\.local, whose FROM is my\.registry\/team\/base:7/),
        hint: expect.stringMatching(/Edit the FROM line in \.skylift\/Dockerfile\.local, or delete/),
      }),
    );
  });

  it('refuses a skylift.yaml baseImage that differs from the ejected FROM', () => {
    expect(() => dockerfileFor(requireProject(project('python:3.12-slim')), 'local', '0')).toThrow(
      expect.objectContaining({ code: 'EJECTED_DOCKERFILE_DECIDES', message: expect.stringContaining('skylift.yaml sets targets.local.baseImage: python:3.12-slim') }),
    );
  });

  it('accepts a base image equal to the ejected FROM (nothing is ignored), and builds from the file', () => {
    const built = dockerfileFor(requireProject(project('my.registry/team/base:7')), 'local', '0', { baseImage: 'my.registry/team/base:7' });
    expect(built).toMatchObject({ ejected: true, plan: { baseImage: 'my.registry/team/base:7', baseSource: 'ejected-dockerfile' } });
  });
});
