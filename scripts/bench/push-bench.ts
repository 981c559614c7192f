// npm run bench:push — Skylift's ECR push (pushImage through the engine, with per-layer progress)
// against `docker push` of the same image, each to a fresh Debian docker-registry with htpasswd
// auth on loopback, alternating, ROUNDS each. A first push: every layer is compressed and sent.
// Reports median seconds, MB/s and the ratio (target: ≤ 1.05, issue 11).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { startRegistry } from '../../test/doubles/registry';
import { runDocker } from '../../test/doubles/registry-push';
import { dockerPush, skyliftPush } from './push-sides';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const BASE = process.env.SKYLIFT_TEST_BASE_IMAGE || 'skylift-test/debian-python:bookworm';
const CODE_BYTES = Number(process.env.BENCH_CODE_BYTES || 8_000_000);
const docker = new Dockerode();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function buildImage(dir: string, tag: string): Promise<void> {
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE}\nCOPY app.py /app/app.py\n`);
  fs.writeFileSync(path.join(dir, 'app.py'), `MODEL = "${randomBytes(CODE_BYTES / 2).toString('hex')}"\n`);
  await runDocker(['build', '-q', '-t', tag, dir], process.env);
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-bench-push-'));
  const image = `skylift-bench/push:${process.pid}`;
  await buildImage(root, image);
  const size = (await docker.getImage(image).inspect()).Size;
  console.log(`bench:push — ${(size / 1e6).toFixed(0)} MB image (base ${BASE} + ${(CODE_BYTES / 1e6).toFixed(0)} MB of code), ${ROUNDS} rounds each, fresh registry per push`);
  const theirs: number[] = [];
  const ours: number[] = [];
  let bytes = 0;
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const side of round % 2 ? ['docker', 'skylift'] : ['skylift', 'docker']) {
        const registry = await startRegistry();
        try {
          if (side === 'docker') theirs.push(await dockerPush(registry, image, fs.mkdtempSync(path.join(root, 'cfg-'))));
          else {
            const pushed = await skyliftPush(docker, registry, image);
            ours.push(pushed.seconds);
            bytes = pushed.bytes;
          }
        } finally {
          await registry.close();
        }
      }
      console.log(`round ${round}: docker push ${theirs.at(-1)!.toFixed(2)} s, skylift ${ours.at(-1)!.toFixed(2)} s`);
    }
  } finally {
    await docker.getImage(image).remove().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }
  const mb = bytes / 1e6;
  const [d, s] = [median(theirs), median(ours)];
  console.log(`median: docker push ${d.toFixed(2)} s (${(mb / d).toFixed(1)} MB/s), skylift ${s.toFixed(2)} s (${(mb / s).toFixed(1)} MB/s) of ${mb.toFixed(0)} MB uncompressed`);
  console.log(`ratio skylift/docker: ${(s / d).toFixed(3)} (target ≤ 1.05)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
