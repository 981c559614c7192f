import fs from 'node:fs';
import path from 'node:path';
import { encodeSampleColumns, SkyliftError, type CallHandlers } from '../../shared/contract';
import type { BuildService } from './build/build-service';
import type { DeployService } from './deployments/deploy-service';
import type { RunService } from './run/run-service';
import { exportRun } from './runs/export';
import { redactor } from './redact';
import type { RunStore } from './runs/run-store';
import { resolveRunId } from './runs/resolve-run-id';
import { describeVariants, dockerfileFor } from './build/variant-dockerfiles';
import { withBuiltImages } from './build/built-images';
import type { CoreServices } from './core-types';
import { readHostDriverVersion } from './engine/gpu';
import { ejectedDockerfilePath, readProject, requireProject, saveProject, type ProjectSource } from './project/project-files';
import { proposeConfig } from './project/propose';
import { createFromSample, listSamples } from './project/samples';
import { listDirs } from './project/list-dirs';
import { createImageService } from './images/create-image-service';

/** Implements every contract call over core's services; dispatch parses their input and output. */
export function createHandlers(services: CoreServices & { builds: BuildService; runService: RunService; deploys: DeployService }): CallHandlers {
  const { deps, engine, settings, jobs, jobStore, builds, runService, runStore, payloads, profiles, deploys } = services;
  const samplesDir = path.join(deps.resourcesDir, 'samples');
  const images = createImageService(engine, runStore, jobStore);
  const opened = async (source: ProjectSource) => {
    const hostDriver = await (deps.hostDriverVersion ?? readHostDriverVersion)();
    return { dir: source.dir, yaml: source.yaml, valid: source.config !== null, issues: source.issues, variants: await withBuiltImages(engine, source.config, describeVariants(source, deps.version, hostDriver)) };
  };

  return {
    app: {
      info: async () => ({ version: deps.version, mode: deps.mode, platform: `${process.platform}-${process.arch}`, data: deps.data }),
      chooseFolder: async ({ title }) => {
        if (!deps.chooseFolder) {
          throw new SkyliftError({ code: 'NOT_AVAILABLE', message: 'There is no folder picker in browser mode.', hint: 'Type the folder path instead; it is a path on the machine running skylift serve.' });
        }
        return { path: await deps.chooseFolder(title) };
      },
    },
    engine: {
      status: () => engine.status(),
      test: ({ endpoint }) => engine.test(endpoint),
    },
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
    },
    project: {
      open: ({ dir }) => opened(readProject(dir)),
      save: ({ dir, yaml }) => opened(saveProject(dir, yaml)),
      propose: async ({ dir }) => proposeConfig(path.resolve(dir)),
      eject: async ({ dir, variant }) => {
        const source = requireProject(dir);
        const { dockerfile } = dockerfileFor(source, variant, deps.version);
        const file = ejectedDockerfilePath(dir, variant);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, dockerfile);
        return { path: file };
      },
    },
    samples: {
      list: async () => listSamples(samplesDir),
      create: async ({ sample, dir }) => ({ dir: createFromSample(samplesDir, sample, dir) }),
    },
    build: {
      start: async (request) => builds.start(request),
    },
    run: {
      start: async (input) => runService.startRun(input),
      invoke: async ({ jobId, payload }) => {
        const answer = await runService.invokeLive(jobId, payload);
        return { ...answer, body: answer.body.toString('utf8') };
      },
      invokeOnce: async ({ payloadBase64, ...input }) => runService.startInvoke({ ...input, payload: Buffer.from(payloadBase64, 'base64') }),
      health: async ({ jobId }) => {
        const { session, invokeApi } = runService.liveRun(jobId);
        return { address: session.address, health: await session.health(), ...(invokeApi ? { invokeApi: { endpoint: invokeApi.endpoint, functionName: invokeApi.functionName } } : {}) };
      },
      watch: ({ jobId, enabled }) => runService.setWatch(jobId, enabled),
      watchStatus: async ({ jobId }) => runService.watchStatus(jobId),
    },
    payloads: {
      list: async ({ dir }) => payloads.list(dir),
      save: async ({ dir, name, body }) => payloads.save(dir, name, body),
    },
    bench: {
      start: async (request) => runService.startBench(request),
    },
    deploy: {
      plan: (request) => deploys.plan(request),
      apply: async (request) => deploys.apply(request),
      verify: async (request) => deploys.verify(request),
      rollback: async (request) => deploys.rollback(request),
      destroyPlan: (request) => deploys.destroyPlan(request),
      destroy: async (request) => deploys.destroy(request),
    },
    deployments: {
      list: async (request) => deploys.list(request),
      show: async (request) => deploys.show(request),
    },
    runs: {
      list: async ({ limit }) => runStore.list(limit),
      get: async ({ runId }) => requireRun(runStore, runId),
      samples: async ({ runId }) => encodeSampleColumns(runStore.sampleColumns(requireRun(runStore, runId).id)),
      export: async ({ runId, format }) => {
        const run = requireRun(runStore, runId);
        const file = exportRun(run, runStore.samples(run.id), format);
        return { ...file, content: redactor.redact(file.content) };
      },
      delete: async ({ runId }) => {
        // Not found stays { deleted: false } as before; a unique prefix deletes that run, an ambiguous one is refused.
        const id = runStore.idsStartingWith(runId, 1).length > 0 ? resolveRunId(runStore, runId) : runId;
        return { deleted: runStore.delete(id), runId: id };
      },
      update: async ({ runId, ...fields }) => runStore.update(requireRun(runStore, runId).id, fields),
    },
    profiles: {
      list: () => profiles.list(),
      get: ({ id }) => profiles.get(id),
      add: (input) => profiles.add(input),
      update: (input) => profiles.update(input),
      remove: async ({ id }) => ({ removed: await profiles.remove(id) }),
      setDefault: ({ id }) => profiles.setDefault(id),
      test: ({ id }) => profiles.test(id),
      importPreview: (files) => profiles.importPreview(files),
      import: (request) => profiles.import(request),
      storage: () => profiles.storage(),
      setFileOptIn: ({ enabled, acknowledgeInsecure }) => profiles.setFileOptIn(enabled, acknowledgeInsecure),
    },
    images: {
      list: () => images.list(),
      delete: ({ id }) => images.delete(id),
      prune: () => images.prune(),
    },
    fs: {
      listDirs: ({ path: typed, limit }) => listDirs(typed, limit),
    },
    jobs: {
      list: async ({ limit }) => jobStore.list(limit),
      get: async ({ jobId }) => jobs.get(jobId),
      events: async ({ jobId, afterSeq }) => jobStore.events(jobId, afterSeq),
      cancel: ({ jobId }) => jobs.cancel(jobId),
    },
  };
}

/** The run a full id or a unique prefix names (git-style short ids, in the UI and the CLI alike). */
function requireRun(runs: RunStore, runId: string) {
  const id = resolveRunId(runs, runId);
  const run = runs.get(id);
  if (!run) throw new SkyliftError({ code: 'NOT_FOUND', message: `No bench run with id ${id}.`, hint: 'It may have been deleted; refresh the list.' });
  return run;
}
