import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { buildImage } from '../../main/core/build/build-image';
import type { Core } from '../../main/core/core';
import { copySample, docker, finished, removeImages, TEST_BASE_IMAGE } from '../helpers/build';
import { skylift } from '../helpers/cli';
import { testCore } from '../helpers/core';
import { engineProxy } from '../helpers/engine-proxy';
import { check, expectHandled, probeFault, type FaultRecord } from './fault-log';

const AREA = 'build';
/** Far past any honest answer here (the 1 MiB parse takes about a second on a busy machine): only a blow-up reaches it. */
const DEADLINE_MS = 20_000;
const UNREACHABLE_BASE = '127.0.0.1:1/none:latest';

/** A refusal a user can act on: the expected code and words, no stack trace. */
function checkRefusal(error: AppError | null | undefined, code: string, message: RegExp): void {
  check(error, 'nothing was refused');
  check(error!.code === code, `code ${error!.code}, not ${code}: ${error!.message.slice(0, 300)}`);
  check(message.test(error!.message), `the message does not say ${message}: ${error!.message.slice(0, 400)}`);
  check(!/\n\s+at /.test(error!.message), 'the message carries a stack trace');
}

function thrown(fn: () => unknown): AppError | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error as AppError;
  }
}

describe('build faults: skylift.yaml, names, build context, base image, engine (real engine)', () => {
  let core: Core;
  let home: string;
  let folders = 0;
  const images: string[] = [];
  /** The numpy sample under a fresh name: a real project to break one way at a time. */
  const sample = () => {
    const name = `flt-build-${process.pid}-${folders++}`;
    images.push(`skylift/${name}:local`);
    return copySample('numpy-classifier', home, name);
  };

  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-build-faults-');
    core = testCore(path.join(home, 'data'));
  });
  afterAll(async () => {
    await core.close();
    await removeImages(images);
    fs.rmSync(home, { recursive: true, force: true });
  });

  describe('malformed skylift.yaml: refused by open and build, with a position, promptly', () => {
    const deep = 100_000;
    const cases: Array<[string, (file: string) => void, RegExp]> = [
      ['unclosed flow sequence', (f) => fs.writeFileSync(f, 'name: [unclosed\npython: "3.11"\n'), /skylift\.yaml:\d+:\d+: .*YAML syntax/],
      ['tab indentation', (f) => fs.writeFileSync(f, 'name: x\n\tpython: "3.11"\n'), /skylift\.yaml:2:\d+: YAML syntax/],
      ['several documents', (f) => fs.writeFileSync(f, 'name: a\n---\nname: b\n'), /YAML syntax: Source contains multiple documents/],
      ['a key written twice', (f) => fs.writeFileSync(f, 'name: a\nname: b\n'), /skylift\.yaml:2:1: Map keys must be unique: "name"/],
      ['empty', (f) => fs.writeFileSync(f, ''), /skylift\.yaml:1:1: name: /],
      ['a list, not a mapping', (f) => fs.writeFileSync(f, '- a\n- b\n'), /must be a mapping, not a list/],
      ['oversized (15 MB)', (f) => fs.writeFileSync(f, `name: x\n# ${'x'.repeat(15 * 1024 * 1024)}\n`), /15\.0 MiB; Skylift reads at most 1 MiB/],
      ['1 MiB of keys (the old quadratic parse)', (f) => fs.writeFileSync(f, `name: x\nextra:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: ${i}`).join('\n')}\n`), /unknown key `extra`/],
      ['deeply nested brackets', (f) => fs.writeFileSync(f, `name: ${'['.repeat(deep)}`), /Nested too deeply: brackets nest more than 100 deep/],
      ['deeply nested braces', (f) => fs.writeFileSync(f, `name: ${'{'.repeat(deep)}`), /Nested too deeply/],
      ['deeply nested "- " sequences', (f) => fs.writeFileSync(f, '- '.repeat(deep)), /Nested too deeply: indented more than 200 columns/],
      ['an alias expansion bomb', (f) => fs.writeFileSync(f, aliasBomb()), /YAML aliases: /],
      ['binary garbage', (f) => fs.writeFileSync(f, Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256))), /skylift\.yaml:\d+:\d+: /],
      ['invalid UTF-8 and NULs', (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from('name: x\npython: "'), Buffer.from([0xc0, 0xff, 0, 0xfe]), Buffer.from('"\n')])), /skylift\.yaml:\d+:\d+: /],
      ['a named pipe (FIFO)', (f) => execFileSync('mkfifo', [f]), /is not a regular file \(a named pipe \(FIFO\)\)/],
      ['a folder', (f) => fs.mkdirSync(f), /is not a regular file \(a folder\)/],
    ];

    it.each(cases)('%s', async (name, write, message) => {
      const record = await probeFault(AREA, `skylift.yaml: ${name}`, async () => {
        const dir = fs.mkdtempSync(path.join(home, 'yaml-'));
        write(path.join(dir, 'skylift.yaml'));
        const started = performance.now();
        const opened = await core.dispatch('project:open', { dir });
        const openIssues = opened.ok ? (opened.value as { valid: boolean; issues: unknown[] }) : null;
        check(opened.ok ? openIssues!.valid === false && openIssues!.issues.length > 0 : opened.error.code === 'PROJECT_INVALID', `project:open answered ${JSON.stringify(opened).slice(0, 300)}`);
        checkRefusal(thrown(() => core.builds.start({ dir, variant: 'all' })), 'PROJECT_INVALID', message);
        check(performance.now() - started < DEADLINE_MS, `took ${Math.round(performance.now() - started)} ms`);
      });
      expectHandled(record);
    }, 60_000);

    it('the CLI process survives the worst of them and exits 1 with the reason', async () => {
      const record = await probeFault(AREA, 'skylift.yaml: 100k nested brackets through the CLI', () => {
        const dir = fs.mkdtempSync(path.join(home, 'cli-'));
        fs.writeFileSync(path.join(dir, 'skylift.yaml'), `name: ${'{'.repeat(deep)}`);
        const result = skylift(['build', dir, '--json'], { SKYLIFT_HOME: path.join(home, 'cli-data') });
        check(result.status === 1, `exit ${result.status} (signal or timeout if null): ${result.stderr.slice(-300)}`);
        check(/Nested too deeply/.test(result.stdout + result.stderr), `no reason given: ${(result.stdout + result.stderr).slice(-300)}`);
      });
      expectHandled(record);
    }, 60_000);
  });

  describe('project names Docker would refuse', () => {
    it.each(['relprobe-', '-lead', 'under_score', 'dot.ted', 'UPPER', 'two  spaces', 'a'.repeat(64), 'ünï'])('%j is refused by the schema, saying the rule', async (bad) => {
      const record = await probeFault(AREA, `name ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}…(${bad.length})` : bad)}`, () => {
        const dir = sample();
        const file = path.join(dir, 'skylift.yaml');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: "${bad}"`));
        checkRefusal(thrown(() => core.builds.start({ dir, variant: 'local' })), 'PROJECT_INVALID', /name: .*lowercase letters and digits, joined by dashes, starting and ending with a letter or digit/);
      });
      expectHandled(record);
    });

    it('every edge of what the schema accepts, Docker accepts as a tag', async () => {
      const record = await probeFault(AREA, 'accepted names are valid Docker repositories', async () => {
        for (const name of ['a', '0', 'a--b', '9-x-9', 'z'.repeat(63)]) {
          await docker.getImage(TEST_BASE_IMAGE).tag({ repo: `skylift/${name}`, tag: 'probe' });
          await docker.getImage(`skylift/${name}:probe`).remove();
        }
      });
      expectHandled(record);
    });
  });

  describe('build context the policy refuses, before any build step', () => {
    const outside = () => {
      const file = path.join(fs.mkdtempSync(path.join(home, 'outside-')), 'host-file.txt');
      fs.writeFileSync(file, 'numpy\n');
      return file;
    };
    const cases: Array<[string, (dir: string) => void, RegExp]> = [
      ['requirements.txt linked outside the project', (d) => relink(path.join(d, 'requirements.txt'), outside()), /requirements\.txt: a symlink to .*host-file\.txt, outside the project/],
      ['a weights file linked outside', (d) => relink(path.join(d, 'weights/classifier.json'), outside()), /weights\/classifier\.json: a symlink to .*, outside the project/],
      ['a folder linked outside', (d) => fs.symlinkSync(path.dirname(outside()), path.join(d, 'data')), /data: a symlink to .*, outside the project/],
      ['a link to /etc/passwd', (d) => fs.symlinkSync('/etc/passwd', path.join(d, 'passwd')), /passwd: a symlink to \/etc\/passwd, outside the project/],
      ['a dangling link', (d) => fs.symlinkSync('gone.bin', path.join(d, 'weights/gone.bin')), /weights\/gone\.bin: a symlink to gone\.bin, which does not exist/],
      ['a symlink loop', (d) => fs.symlinkSync('..', path.join(d, 'weights/up')), /weights\/up: a symlink loop/],
      ['folder links multiplying the tree', (d) => doublingLinks(d, 24), /reached through links \d+ times/],
      ['a FIFO in the project', (d) => execFileSync('mkfifo', [path.join(d, 'pipe')]), /pipe: a named pipe \(FIFO\) can't go into an image/],
      ['requirements.txt is a FIFO', (d) => (fs.rmSync(path.join(d, 'requirements.txt')), execFileSync('mkfifo', [path.join(d, 'requirements.txt')])), /requirements: requirements\.txt is a named pipe/],
      ['a socket in the project', (d) => unixSocket(path.join(d, 'agent.sock')), /agent\.sock: a socket can't go into an image/],
      ['weights path with a typo', (d) => setYaml(d, 'weights/classifier.json', 'weights/clasifier.json'), /weights: weights\/clasifier\.json does not exist in the project; did you mean weights\/classifier\.json\?/],
      ['weights path under ~', (d) => setYaml(d, 'weights/classifier.json', '~/weights/classifier.json'), /"~" is not expanded/],
      ['weights path with backslashes', (d) => setYaml(d, 'weights/classifier.json', 'weights\\classifier.json'), /did you mean weights\/classifier\.json\?/],
      ['requirements path with a typo', (d) => setYaml(d, 'requirements: requirements.txt', 'requirements: requirement.txt'), /requirements: requirement\.txt does not exist in the project; did you mean requirements\.txt\?/],
      ['a model module that does not exist', (d) => setYaml(d, 'model: model:Classifier', 'model: modle:Classifier'), /did you mean model:Classifier\?/],
      ['weights excluded by .dockerignore', (d) => fs.appendFileSync(path.join(d, '.dockerignore'), '\nweights/\n'), /weights: weights\/classifier\.json sends no files/],
    ];

    it.each(cases)('%s', async (name, breakIt, message) => {
      const record = await probeFault(AREA, `context: ${name}`, async () => {
        const dir = sample();
        breakIt(dir);
        const started = performance.now();
        const { job, events } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
        checkRefusal(job.error, 'BUILD_CONTEXT_REFUSED', message);
        check(!events.some((e) => e.type === 'step'), 'a build step ran before the refusal');
        check(performance.now() - started < DEADLINE_MS, `took ${Math.round(performance.now() - started)} ms`);
      });
      expectHandled(record);
    }, 60_000);

    it('30k declared weights paths over a 15k-file project are checked in linear time', async () => {
      const record = await probeFault(AREA, 'context: 30k weights paths, 15k files', async () => {
        const dir = sample();
        const many = path.join(dir, 'weights', 'm');
        fs.mkdirSync(many);
        for (let i = 0; i < 15_000; i++) fs.writeFileSync(path.join(many, `w${i}.bin`), '');
        const declared = Array.from({ length: 30_000 }, (_, i) => `  - weights/m/w${i}.bin`).join('\n');
        setYaml(dir, '  - weights/classifier.json', declared);
        const started = performance.now();
        const { job } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
        checkRefusal(job.error, 'BUILD_CONTEXT_REFUSED', /weights: weights\/m\/w15000\.bin does not exist in the project; did you mean weights\/m\/w\d+\.bin\?[\s\S]*and 14990 more/);
        check(performance.now() - started < DEADLINE_MS, `took ${Math.round(performance.now() - started)} ms`);
      });
      expectHandled(record);
    }, 120_000);

    it('a FIFO and a socket inside a folder .dockerignore excludes neither fail nor hang the build', async () => {
      const record = await probeFault(AREA, 'context: FIFO and socket in an excluded folder', async () => {
        const dir = sample();
        fs.mkdirSync(path.join(dir, 'scratch/deeper'), { recursive: true });
        execFileSync('mkfifo', [path.join(dir, 'scratch/deeper/pipe')]);
        unixSocket(path.join(dir, 'scratch/agent.sock'));
        fs.appendFileSync(path.join(dir, '.dockerignore'), '\nscratch/\n');
        const { job } = await finished(core, core.builds.start({ dir, variant: 'local', baseImage: TEST_BASE_IMAGE }));
        check(job.state === 'succeeded', `the build ${job.state}: ${job.error?.message}`);
      });
      expectHandled(record);
    }, 180_000);
  });

  describe('the engine connection dropping mid-build', () => {
    it.each(['close', 'reset'] as const)('connection %s: the build fails as dropped, never as the previous image', async (how) => {
      const record = await probeFault(AREA, `engine connection ${how} mid-build`, async () => {
        const tag = `skylift/flt-drop-${how}-${process.pid}:local`;
        images.push(tag);
        await buildImage({ docker, context: contextOf(`FROM ${TEST_BASE_IMAGE}\nRUN echo first\n`), tag, labels: {}, buildArgs: {}, builder: 'classic', job: quietJob() });
        const proxy = await engineProxy();
        try {
          const lines: string[] = [];
          const job = { ...quietJob(), log: (line: string) => void lines.push(line) };
          const build = buildImage({ docker: new Dockerode({ host: '127.0.0.1', port: proxy.port }), context: contextOf(`FROM ${TEST_BASE_IMAGE}\nRUN echo slow-step && sleep 30\n`), tag, labels: {}, buildArgs: {}, builder: 'classic', job });
          build.catch(() => undefined);
          for (let i = 0; i < 300 && !lines.includes('slow-step'); i++) await new Promise((r) => setTimeout(r, 100));
          check(lines.includes('slow-step'), 'the slow step never started');
          proxy.cut(how);
          const outcome = await Promise.race([build.then(() => 'resolved', (error: AppError) => error), new Promise((r) => setTimeout(() => r('hang'), DEADLINE_MS))]);
          check(outcome !== 'resolved', 'the dropped build was reported as built');
          check(outcome !== 'hang', `no answer within ${DEADLINE_MS} ms`);
          checkRefusal(outcome as AppError, 'BUILD_CONNECTION_DROPPED', /engine connection dropped mid-build/);
        } finally {
          await proxy.close();
        }
      });
      expectHandled(record);
    }, 90_000);
  });

  describe('an unreachable base image', () => {
    it.each([
      ['--base-image', (dir: string) => ({ dir, variant: 'local' as const, baseImage: UNREACHABLE_BASE }), /127\.0\.0\.1:1\/none:latest \(from --base-image\) can't be used: its registry, 127\.0\.0\.1:1, is unreachable/],
      ['skylift.yaml baseImage', (dir: string) => (setYaml(dir, 'local: {}', `local: {baseImage: "${UNREACHABLE_BASE}"}`), { dir, variant: 'local' as const }), /\(targets\.local\.baseImage in skylift\.yaml\) can't be used/],
      ['an ejected FROM', (dir: string) => (eject(dir, `FROM ${UNREACHABLE_BASE}\nRUN true\n`), { dir, variant: 'local' as const }), /\(the FROM of \.skylift\/Dockerfile\.local\) can't be used/],
    ])('from %s: refused before the build, naming the image and how to override it', async (name, request, message) => {
      const record = await probeFault(AREA, `unreachable base image (${name})`, async () => {
        const { job, events } = await finished(core, core.builds.start(request(sample())));
        checkRefusal(job.error, 'BASE_IMAGE_UNAVAILABLE', message);
        check(/registry mirror/.test(job.error?.hint ?? ''), `the hint does not offer a way out: ${job.error?.hint}`);
        check(!events.some((e) => e.type === 'step'), 'a build step ran before the refusal');
      });
      expectHandled(record);
    }, 60_000);

    it('a --base-image the ejected Dockerfile would ignore is refused before a job exists', async () => {
      const record = await probeFault(AREA, '--base-image with an ejected Dockerfile', () => {
        const dir = sample();
        eject(dir, `FROM ${TEST_BASE_IMAGE}\nRUN true\n`);
        checkRefusal(thrown(() => core.builds.start({ dir, variant: 'local', baseImage: 'python:3.12-slim' })), 'EJECTED_DOCKERFILE_DECIDES', /ejected Dockerfile's FROM decides/);
      });
      expectHandled(record);
    });
  });
});

/** A Unix socket file left on disk, made synchronously (a bound socket whose process has exited). */
function unixSocket(file: string): void {
  execFileSync('python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', file]);
}

function contextOf(dockerfile: string): Readable {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, dockerfile);
  tar.finalize();
  return tar as unknown as Readable;
}

const quietJob = () => ({ signal: new AbortController().signal, log: () => undefined, step: () => undefined, progress: () => undefined });

function relink(file: string, target: string): void {
  fs.rmSync(file);
  fs.symlinkSync(target, file);
}

function setYaml(dir: string, from: string, to: string): void {
  const file = path.join(dir, 'skylift.yaml');
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`the sample's skylift.yaml has no "${from}"`);
  fs.writeFileSync(file, text.replace(from, to));
}

function eject(dir: string, dockerfile: string): void {
  fs.mkdirSync(path.join(dir, '.skylift'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.skylift', 'Dockerfile.local'), dockerfile);
}

/** l0/a and l0/b link to l1, l1/a and l1/b to l2, …: 2^levels paths to the deepest folder. */
function doublingLinks(dir: string, levels: number): void {
  for (let i = 0; i <= levels; i++) fs.mkdirSync(path.join(dir, `links/l${i}`), { recursive: true });
  for (let i = 0; i < levels; i++) for (const name of ['a', 'b']) fs.symlinkSync(`../l${i + 1}`, path.join(dir, `links/l${i}`, name));
}

function aliasBomb(): string {
  const names = 'abcdefghij';
  const lines = [`${names[0]}: &${names[0]} [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
  return lines.join('\n');
}

describe('project files read to propose a skylift.yaml: special files and huge ones', () => {
  let core: Core;
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync('/tmp/skylift-propose-faults-');
    core = testCore(path.join(home, 'data'));
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  // Before: `skylift new` hung on a FIFO (and project:propose froze browser mode's whole server),
  // and a link to /dev/zero grew to 7 GB in 8 s. Each is refused at once with the path named.
  const cases: Array<[string, (file: string) => void, RegExp]> = [
    ['a FIFO', (f) => execFileSync('mkfifo', [f]), /requirements\.txt is not a regular file \(a named pipe \(FIFO\)\)/],
    ['a link to /dev/zero', (f) => fs.symlinkSync('/dev/zero', f), /requirements\.txt is not a regular file \(a device\)/],
    ['a folder', (f) => fs.mkdirSync(f), /requirements\.txt is not a regular file \(a folder\)/],
    ['3 MiB', (f) => fs.writeFileSync(f, 'x'.repeat(3 * 1024 * 1024)), /requirements\.txt: 3\.0 MiB; Skylift reads at most 1\.0 MiB/],
  ];

  it.each(cases)('requirements.txt as %s: project:propose and skylift new refuse it, and the core keeps answering', async (name, make, message) => {
    const record = await probeFault(AREA, `requirements.txt as ${name} (project:propose, skylift new)`, async () => {
      const dir = fs.mkdtempSync(path.join(home, 'propose-'));
      make(path.join(dir, 'requirements.txt'));
      const proposed = await Promise.race([core.dispatch('project:propose', { dir }), new Promise<null>((resolve) => setTimeout(() => resolve(null), DEADLINE_MS))]);
      check(proposed, 'project:propose did not answer');
      check(!proposed!.ok && message.test(proposed!.error.message), `project:propose answered ${JSON.stringify(proposed).slice(0, 300)}`);
      check((await core.dispatch('app:info', {})).ok, 'the core stopped answering');
      const result = skylift(['new', dir], { SKYLIFT_HOME: path.join(home, 'cli-data') });
      check(result.status === 1, `skylift new: exit ${result.status} (signal or timeout if null): ${result.stderr.slice(-300)}`);
      check(message.test(result.stderr), `skylift new does not say why: ${result.stderr.slice(-300)}`);
      check(!/\n\s+at /.test(result.stderr), 'skylift new printed a stack trace');
      check(!fs.existsSync(path.join(dir, 'skylift.yaml')), 'a skylift.yaml was written anyway');
    });
    expectHandled(record);
  }, 90_000);
});
