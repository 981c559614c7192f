import fs from 'node:fs';
import path from 'node:path';
import { SkyliftError, type CallHandlers } from '../../shared/contract';
import type { BuildService } from './build/build-service';
import type { DeployService } from './deployments/deploy-service';
import type { RunService } from './run/run-service';
import { exportRun } from './runs/export';
import { redactor } from './redact';
import type { RunStore } from './runs/run-store';
import { describeVariants, dockerfileFor } from './build/variant-dockerfiles';
import { withBuiltImages } from './build/built-images';
import type { CoreServices } from './core-types';
import { readHostDriverVersion } from './engine/gpu';
import { ejectedDockerfilePath, readProject, requireProject, saveProject, type ProjectSource } from './project/project-files';
import { proposeConfig } from './project/propose';
import { createFromSample, listSamples } from './project/samples';

/** Implements every contract call over core's services; dispatch parses their input and output. */
export function createHandlers(services: CoreServices & { builds: BuildService; runService: RunService; deploys: DeployService }): CallHandlers {
  const { deps, engine, settings, jobs, jobStore, builds, runService, runStore, payloads, profiles, deploys } = services;
  const samplesDir = path.join(deps.resourcesDir, 'samples');
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
      health: async ({ jobId }) => {
        const { session, invokeApi } = runService.liveRun(jobId);
        return { address: session.address, health: await session.health(), ...(invokeApi ? { invokeApi: { endpoint: invokeApi.endpoint, functionName: invokeApi.functionName } } : {}) };
      },
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
      samples: async ({ runId }) => runStore.samples(requireRun(runStore, runId).id),
      export: async ({ runId, format }) => {
        const file = exportRun(requireRun(runStore, runId), runStore.samples(runId), format);
        return { ...file, content: redactor.redact(file.content) };
      },
      delete: async ({ runId }) => ({ deleted: runStore.delete(runId) }),
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
    jobs: {
      list: async ({ limit }) => jobStore.list(limit),
      get: async ({ jobId }) => jobs.get(jobId),
      events: async ({ jobId, afterSeq }) => jobStore.events(jobId, afterSeq),
      cancel: ({ jobId }) => jobs.cancel(jobId),
    },
  };
}

function requireRun(runs: RunStore, runId: string) {
  const run = runs.get(runId);
  if (!run) throw new SkyliftError({ code: 'NOT_FOUND', message: `No bench run with id ${runId}.`, hint: 'It may have been deleted; refresh the list.' });
  return run;
}
