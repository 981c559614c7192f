import fs from 'node:fs';
import path from 'node:path';
import { docker } from '../helpers/build';
import { writeProbeProject } from '../helpers/probe-project';

/** A probe project whose answer says which version of model.py is running. */
export function writeVersionedProject(dir: string, name: string): string {
  writeProbeProject(dir, name);
  writeModel(dir, 'v1');
  return dir;
}

/** model.py answering {"version": version, "echo": payload}; `broken` writes a syntax error, so load() never runs. */
export function writeModel(dir: string, version: string, broken = false): void {
  const body = `VERSION = ${JSON.stringify(version)}


class Probe:
    def load(self):
        self.ready = True

    def predict(self, payload):
        return {"version": VERSION, "echo": payload}
${broken ? '\n    def broken(self)\n        return\n' : ''}`;
  fs.writeFileSync(path.join(dir, 'model.py'), body);
}

/** What the run's address answers now: the model's version, or the reason it did not answer. */
export async function versionAt(address: string): Promise<string> {
  try {
    const answer = await fetch(address, { method: 'POST', body: '{"q": 1}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(5000) });
    const body = (await answer.json()) as { version?: string };
    return answer.ok ? String(body.version) : `status ${answer.status}`;
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}

export const containersOfJob = (jobId: string) => docker.listContainers({ all: true, filters: { label: [`dev.skylift.job-id=${jobId}`] } });

/**
 * Every image of the project: those labelled with it, dangling ones included (each rebuild leaves the
 * previous image untagged), and any tag named after it in another repository (the build's own
 * dependency or weights images), untagged without touching images other tests share.
 */
export async function removeProjectImages(name: string): Promise<void> {
  const images = await docker.listImages({ all: true, filters: { label: [`dev.skylift.project=${name}`] } });
  for (const image of images) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  const tags = (await docker.listImages()).flatMap((image) => image.RepoTags ?? []).filter((tag) => tag.includes(`/${name}:`));
  for (const tag of tags) await docker.getImage(tag).remove().catch(() => undefined);
}
