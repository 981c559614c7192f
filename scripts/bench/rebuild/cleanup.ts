// Everything bench:rebuild makes is registered here as it is made and removed at the end, on
// failure and on Ctrl-C too: images, containers (by the bench's project label), processes, folders.
import fs from 'node:fs';
import { run } from './proc';

export class Cleanup {
  private readonly images = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly labels = new Set<string>();
  private readonly references = new Set<string>();
  private readonly steps: Array<() => Promise<unknown>> = [];
  private ran = false;

  image(name: string | null | undefined): void {
    if (name) this.images.add(name);
  }
  /** Every image whose name matches `docker images --filter reference=…` (the deps images a build tags). */
  imagesMatching(reference: string): void {
    this.references.add(reference);
  }
  dir(dir: string): void {
    this.dirs.add(dir);
  }
  /** Containers carrying this label (`key=value`) are removed. */
  containersLabelled(label: string): void {
    this.labels.add(label);
  }
  /** Run first, newest first: processes to stop, registries to close. */
  step(fn: () => Promise<unknown>): void {
    this.steps.push(fn);
  }

  async run(): Promise<void> {
    if (this.ran) return;
    this.ran = true;
    for (const fn of this.steps.reverse()) await fn().catch((e: unknown) => console.error(`cleanup: ${e instanceof Error ? e.message : e}`));
    for (const label of this.labels) {
      const ids = (await run('docker', ['ps', '-aq', '--filter', `label=${label}`]).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean);
      if (ids.length) await run('docker', ['rm', '-f', ...ids]).catch(() => undefined);
    }
    for (const reference of this.references) {
      const names = (await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${reference}`]).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean);
      for (const n of names) this.images.add(n);
    }
    if (this.images.size) await run('docker', ['rmi', '-f', ...this.images]).catch(() => undefined);
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
  }

  /** Ctrl-C or a kill still cleans up, then exits as interrupted. */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up…`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}
