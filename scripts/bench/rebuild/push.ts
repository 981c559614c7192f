// Pushes to Debian's docker-registry on loopback (htpasswd, a temp config and folder per registry):
// a first push against `docker push` of the same image, then a push after a code-only change,
// its bytes counted on the wire by a proxy in front of the registry.
import fs from 'node:fs';
import path from 'node:path';
import Dockerode from 'dockerode';
import { describePushed } from '../../../main/core/targets/aws-lambda/publish/push-progress-text';
import { startRegistry } from '../../../test/doubles/registry';
import { startCountingProxy } from '../../../test/helpers/counting-proxy';
import { dockerPush, skyliftPush } from '../push-sides';
import { skyliftBuild } from './builds';
import type { Cli } from './cli';
import type { Cleanup } from './cleanup';
import { appendComment } from './project';

const docker = new Dockerode();

async function freshRegistry(cleanup: Cleanup) {
  const registry = await startRegistry();
  cleanup.step(() => registry.close());
  return registry;
}

export interface FirstPushes {
  docker: number[];
  skylift: number[];
  /** Bytes the engine read for the push (uncompressed layers). */
  bytes: number;
}

export async function firstPushes(cleanup: Cleanup, root: string, image: string, rounds: number): Promise<FirstPushes> {
  const out: FirstPushes = { docker: [], skylift: [], bytes: 0 };
  for (let round = 1; round <= rounds; round += 1) {
    for (const side of round % 2 ? ['docker', 'skylift'] : ['skylift', 'docker']) {
      const registry = await freshRegistry(cleanup);
      try {
        if (side === 'docker') out.docker.push(await dockerPush(registry, image, fs.mkdtempSync(path.join(root, 'docker-config-'))));
        else {
          const pushed = await skyliftPush(docker, registry, image);
          out.skylift.push(pushed.seconds);
          out.bytes = pushed.bytes;
        }
      } finally {
        await registry.close();
      }
    }
    console.log(`first push round ${round}: docker push ${out.docker.at(-1)!.toFixed(2)} s, skylift ${out.skylift.at(-1)!.toFixed(2)} s`);
  }
  return out;
}

export interface CodeOnlyPush {
  /** Bytes the registry received (through the counting proxy) for the second push. */
  wireBytes: number;
  /** Layers of the new image that the old one lacked, and their size (docker history). */
  newLayers: number;
  newLayerBytes: number;
  skippedLayers: number;
  skippedBytes: number | null;
  /** Skylift's last push line, as the user reads it. */
  said: string;
}

const layersOf = async (image: string) => (await docker.getImage(image).inspect()).RootFS.Layers ?? [];

/** The sizes of an image's newest `count` layers, from `docker history` (newest first; empty-layer steps weigh 0). */
async function newestLayerBytes(image: string, count: number): Promise<number> {
  const history = (await docker.getImage(image).history()) as Array<{ Size: number }>;
  return history.filter((h) => h.Size > 0).slice(0, count).reduce((sum, h) => sum + h.Size, 0);
}

export async function codeOnlyPush(cli: Cli, cleanup: Cleanup, project: string, image: string): Promise<CodeOnlyPush> {
  const registry = await freshRegistry(cleanup);
  const proxy = await startCountingProxy(registry.host);
  cleanup.step(() => proxy.close());
  try {
    const before = await layersOf(image);
    await skyliftPush(docker, registry, image, { host: proxy.host });
    appendComment([path.join(project, 'model.py')], `code-only change before a push, ${new Date().toISOString()}`);
    const rebuilt = await skyliftBuild({ cli, cleanup }, project);
    const after = await layersOf(rebuilt.variant.tag);
    const fresh = after.filter((l) => !before.includes(l));
    proxy.reset();
    const pushed = await skyliftPush(docker, registry, rebuilt.variant.tag, { host: proxy.host });
    const result: CodeOnlyPush = {
      wireBytes: proxy.bytesIn(),
      newLayers: fresh.length,
      newLayerBytes: await newestLayerBytes(rebuilt.variant.tag, fresh.length),
      skippedLayers: pushed.result.skippedLayers.length,
      skippedBytes: pushed.result.skippedBytes,
      said: describePushed(pushed.result, pushed.result.imageUri, pushed.result.seconds),
    };
    console.log(`code-only push: ${result.said}; ${result.wireBytes} bytes on the wire`);
    return result;
  } finally {
    await proxy.close();
    await registry.close();
  }
}
