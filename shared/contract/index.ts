import { z } from 'zod';
import { channelName, defineCall, listCalls, type CallSpec } from './define';
import { engineEndpointSchema, engineStatusSchema } from './engine';
import { jobEventSchema, jobSchema } from './jobs';
import { startupTimeoutSecondsSchema } from './deadlines';
import { appInfoSchema, settingsSchema } from './settings';
import { buildRequestSchema, openedProjectSchema, sampleSchema } from './build';
import { targetNameSchema } from '../project/schema';
import { imageDeleteResultSchema, imageListSchema, imagePruneResultSchema, listDirsInputSchema, listDirsOutputSchema } from './images';
import { importPreviewSchema, importRequestSchema, profileInputSchema, profileSummarySchema, profileUpdateSchema, secretStorageSchema, sharedFilesSchema, testOutcomeSchema } from './profiles';
import { applyRequestSchema, deploymentSummarySchema, deployPlanSchema, deployRequestSchema, destroyApplySchema, destroyPlanSchema, destroyRequestSchema, rollbackRequestSchema, verifyRequestSchema } from './deploy';
import { benchRequestSchema, benchRunSchema, invocationSchema, runUpdateSchema, savedPayloadSchema } from './runs';
import { sampleColumnsWireSchema } from './runs-samples';
import { watchSetSchema, watchStatusSchema } from './watch';

const noInput = z.object({}).strict();
const profileRef = z.object({ id: z.string().min(1) }).strict();
const jobRef = z.object({ jobId: z.string().min(1) }).strict();

/** Every call Skylift's UI can make, declared once; IPC, HTTP and the typed client derive from it. */
export const contract = {
  app: {
    info: defineCall({ input: noInput, output: appInfoSchema, summary: 'Version, mode and where data lives' }),
    chooseFolder: defineCall({
      input: z.object({ title: z.string().max(200).default('Choose a folder') }).strict(),
      output: z.object({ path: z.string().nullable() }),
      summary: "The OS's folder picker (Electron only); null when the user cancels",
    }),
  },
  engine: {
    status: defineCall({ input: noInput, output: engineStatusSchema, summary: 'Connect to the configured engine and describe it' }),
    test: defineCall({
      input: z.object({ endpoint: engineEndpointSchema }).strict(),
      output: engineStatusSchema,
      summary: 'Try an endpoint without saving it',
    }),
  },
  settings: {
    get: defineCall({ input: noInput, output: settingsSchema, summary: 'Current settings' }),
    update: defineCall({ input: settingsSchema.partial().strict(), output: settingsSchema, summary: 'Change and save settings' }),
  },
  project: {
    open: defineCall({ input: z.object({ dir: z.string().min(1, 'Choose a project folder') }).strict(), output: openedProjectSchema, summary: "Read a project's skylift.yaml, its issues and each variant's Dockerfile" }),
    save: defineCall({
      input: z.object({ dir: z.string().min(1), yaml: z.string() }).strict(),
      output: openedProjectSchema,
      summary: 'Save skylift.yaml (only when valid)',
    }),
    propose: defineCall({
      input: z.object({ dir: z.string().min(1, 'Choose a project folder') }).strict(),
      output: z.object({ yaml: z.string(), notes: z.array(z.string()) }),
      summary: 'Propose a skylift.yaml from requirements.txt / pyproject.toml',
    }),
    eject: defineCall({
      input: z.object({ dir: z.string().min(1), variant: targetNameSchema }).strict(),
      output: z.object({ path: z.string() }),
      summary: "Write a variant's Dockerfile into the project to edit it",
    }),
  },
  samples: {
    list: defineCall({ input: noInput, output: z.array(sampleSchema), summary: 'Sample projects' }),
    create: defineCall({
      input: z.object({ sample: z.string().min(1), dir: z.string().min(1, 'Choose a folder for the new project') }).strict(),
      output: z.object({ dir: z.string() }),
      summary: 'Copy a sample into a new folder',
    }),
  },
  build: {
    start: defineCall({ input: buildRequestSchema, output: jobSchema, summary: "Build a project's variants as a job" }),
  },
  run: {
    start: defineCall({
      input: z
        .object({
          dir: z.string().min(1),
          variant: targetNameSchema,
          startupTimeoutSeconds: startupTimeoutSecondsSchema.optional(),
          /** Watch mode from the start: a saved change rebuilds and swaps the container (run.watch turns it on and off later). */
          watch: z.boolean().optional(),
        })
        .strict(),
      output: jobSchema,
      summary: 'Start a built variant locally under its target protocol; it runs until the job is cancelled',
    }),
    watch: defineCall({ input: watchSetSchema, output: watchStatusSchema, summary: "Turn a run's watch mode (rebuild on save, swap the container) on or off" }),
    watchStatus: defineCall({ input: jobRef, output: watchStatusSchema, summary: "A run's watch mode: on or off, what it is doing, the last swap's timings and the last error" }),
    invoke: defineCall({
      input: z.object({ jobId: z.string().min(1), payload: z.string() }).strict(),
      output: invocationSchema,
      summary: "Send one request to a running variant through its own protocol",
    }),
    invokeOnce: defineCall({
      input: z
        .object({
          dir: z.string().min(1),
          variant: targetNameSchema,
          /** The request's bytes, base64: they are sent as they are (Lambda refuses bytes that are not UTF-8, as AWS does). 8 MiB of base64 = 6 MiB, Lambda's request limit. */
          payloadBase64: z.string().max(8 * 1024 * 1024),
          startupTimeoutSeconds: startupTimeoutSecondsSchema.optional(),
        })
        .strict(),
      output: jobSchema,
      summary: "One request in a fresh environment of a built variant, as a job whose result is the answer (the CLI's invoke)",
    }),
    health: defineCall({
      input: z.object({ jobId: z.string().min(1) }).strict(),
      output: z.object({
        address: z.string(),
        health: z.unknown(),
        /** aws-lambda: Lambda's Invoke API for this run (loopback), for the AWS SDK and CLI. */
        invokeApi: z.object({ endpoint: z.string(), functionName: z.string() }).optional(),
      }),
      summary: "A running variant's address, latest /health and (aws-lambda) its Invoke API endpoint",
    }),
  },
  payloads: {
    list: defineCall({ input: z.object({ dir: z.string().min(1) }).strict(), output: z.array(savedPayloadSchema), summary: "A project's sample and saved payloads" }),
    save: defineCall({
      input: z.object({ dir: z.string().min(1), name: z.string().trim().min(1).max(100), body: z.string().max(6 * 1024 * 1024) }).strict(),
      output: savedPayloadSchema,
      summary: 'Save a request payload for a project',
    }),
  },
  bench: {
    start: defineCall({ input: benchRequestSchema, output: jobSchema, summary: 'Bench a built variant: warm-up, closed or open loop, cold starts' }),
  },
  deploy: {
    plan: defineCall({ input: deployRequestSchema, output: deployPlanSchema, summary: 'Observe a deployment in the cloud and say what publishing would change; changes nothing' }),
    apply: defineCall({ input: applyRequestSchema, output: jobSchema, summary: "Publish as a job: push, create or update, publish a version, move the alias; refuses when the cloud changed since the plan" }),
    verify: defineCall({ input: verifyRequestSchema, output: jobSchema, summary: "Invoke a deployment's alias and compare its answer with the local variant's" }),
    rollback: defineCall({ input: rollbackRequestSchema, output: jobSchema, summary: "Point a deployment's alias back at an earlier version" }),
    destroyPlan: defineCall({ input: destroyRequestSchema, output: destroyPlanSchema, summary: 'What destroying a deployment would remove; changes nothing' }),
    destroy: defineCall({ input: destroyApplySchema, output: jobSchema, summary: 'Remove what Skylift created for a deployment, as its destroy plan said' }),
  },
  deployments: {
    list: defineCall({ input: z.object({ dir: z.string().min(1, 'Choose a project folder') }).strict(), output: z.array(deploymentSummarySchema), summary: "A project's deployments and what is live in each" }),
    show: defineCall({
      input: z.object({ dir: z.string().min(1, 'Choose a project folder'), name: z.string().min(1) }).strict(),
      output: deploymentSummarySchema,
      summary: 'One deployment with its release history',
    }),
  },
  runs: {
    list: defineCall({ input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), output: z.array(benchRunSchema), summary: 'Bench runs, newest first' }),
    get: defineCall({ input: z.object({ runId: z.string().min(1) }).strict(), output: benchRunSchema, summary: 'One bench run' }),
    samples: defineCall({ input: z.object({ runId: z.string().min(1) }).strict(), output: sampleColumnsWireSchema, summary: 'Every sample of a run, as columns (decodeSampleColumns reads them)' }),
    export: defineCall({
      input: z.object({ runId: z.string().min(1), format: z.enum(['csv', 'json']) }).strict(),
      output: z.object({ filename: z.string(), mime: z.string(), content: z.string() }),
      summary: 'A run as CSV or JSON',
    }),
    delete: defineCall({ input: z.object({ runId: z.string().min(1) }).strict(), output: z.object({ deleted: z.boolean(), runId: z.string().optional() }), summary: 'Delete a run and its samples (its full id, or a unique prefix)' }),
    update: defineCall({ input: runUpdateSchema, output: benchRunSchema, summary: "Name, note or tag a run; the fields given replace the stored ones" }),
  },
  profiles: {
    list: defineCall({ input: noInput, output: z.array(profileSummarySchema), summary: 'Credential profiles, secrets never included' }),
    get: defineCall({ input: profileRef, output: profileSummarySchema, summary: 'One profile' }),
    add: defineCall({ input: profileInputSchema, output: profileSummarySchema, summary: 'Add a profile; its secret goes to the keychain' }),
    update: defineCall({ input: profileUpdateSchema, output: profileSummarySchema, summary: 'Edit a profile; a secret left out keeps the stored one' }),
    remove: defineCall({ input: profileRef, output: z.object({ removed: z.boolean() }), summary: 'Delete a profile and its keychain entry' }),
    setDefault: defineCall({ input: profileRef, output: profileSummarySchema, summary: "Make a profile its provider's default" }),
    test: defineCall({ input: profileRef, output: testOutcomeSchema, summary: 'Test a profile: STS GetCallerIdentity, or an Azure token and the subscriptions list' }),
    importPreview: defineCall({ input: sharedFilesSchema, output: importPreviewSchema, summary: "What the AWS shared config and credentials files hold, before importing" }),
    import: defineCall({ input: importRequestSchema, output: z.array(profileSummarySchema), summary: 'Import profiles from the AWS shared files, linked or copied in' }),
    storage: defineCall({ input: noInput, output: secretStorageSchema, summary: 'Where secrets are kept, and whether that is secure' }),
    setFileOptIn: defineCall({
      input: z.object({ enabled: z.boolean(), acknowledgeInsecure: z.boolean().optional() }).strict(),
      output: secretStorageSchema,
      summary: 'Opt in to (or out of) keeping secrets in a file only you can read, where no keychain exists',
    }),
  },
  images: {
    list: defineCall({ input: noInput, output: imageListSchema, summary: "Skylift's images per project and variant: size, age, the runs that used them" }),
    delete: defineCall({ input: z.object({ id: z.string().min(1) }).strict(), output: imageDeleteResultSchema, summary: 'Delete one Skylift image (refused while a container uses it)' }),
    prune: defineCall({ input: noInput, output: imagePruneResultSchema, summary: 'Remove dangling images Skylift built (older builds, stopped builds); nothing tagged, nothing of other tools' }),
  },
  fs: {
    listDirs: defineCall({ input: listDirsInputSchema, output: listDirsOutputSchema, summary: 'Folders under a path on the machine running Skylift, to complete a typed path' }),
  },
  jobs: {
    list: defineCall({
      input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
      output: z.array(jobSchema),
      summary: 'Recent jobs, newest first',
    }),
    get: defineCall({ input: jobRef, output: jobSchema, summary: 'One job' }),
    events: defineCall({
      input: z.object({ jobId: z.string().min(1), afterSeq: z.number().int().min(-1).default(-1) }).strict(),
      output: z.array(jobEventSchema),
      summary: "A job's stored events after a sequence number, to replay its log",
    }),
    cancel: defineCall({ input: jobRef, output: jobSchema, summary: 'Cancel a queued or running job' }),
  },
} as const;

/** Every stream of events pushed to the UI, declared once. */
export const eventStreams = {
  'jobs:changed': jobSchema,
  'jobs:event': jobEventSchema,
} as const;

export type Contract = typeof contract;
export type EventStreams = typeof eventStreams;
export type EventName = keyof EventStreams & string;
export type EventPayload<E extends EventName> = z.output<EventStreams[E]>;

type SpecOf<D extends keyof Contract, V extends keyof Contract[D]> = Contract[D][V] extends CallSpec<infer I, infer O> ? { input: I; output: O } : never;
export type CallInput<D extends keyof Contract, V extends keyof Contract[D]> = z.input<SpecOf<D, V>['input']>;
export type CallOutput<D extends keyof Contract, V extends keyof Contract[D]> = z.output<SpecOf<D, V>['output']>;

/** The typed API the renderer (and tests) use: `api.engine.status({})`. */
export type SkyliftApi = {
  [D in keyof Contract]: { [V in keyof Contract[D]]: (input: CallInput<D, V>) => Promise<CallOutput<D, V>> };
};

/** What core implements: parsed input in, plain output out (validated again on the way out). */
export type CallHandlers = {
  [D in keyof Contract]: {
    [V in keyof Contract[D]]: (input: z.output<SpecOf<D, V>['input']>) => Promise<z.input<SpecOf<D, V>['output']>>;
  };
};

export const allCalls = listCalls(contract);
export const allChannels: readonly string[] = allCalls.map((c) => c.channel);
export const allEventNames = Object.keys(eventStreams) as EventName[];

export function findCall(channel: string): CallSpec | undefined {
  return allCalls.find((c) => c.channel === channel)?.spec;
}

export { channelName };
export * from './engine';
export * from './envelope';
export * from './jobs';
export * from './settings';
export * from './deadlines';
export * from './build';
export * from './runs';
export * from './runs-samples';
export * from './profiles';
export * from './deploy';
export * from './images';
export * from './watch';
export * from '../errors';
