import type { PlanLine } from '../../../../../shared/contract/deploy';
import { CONFIG_FIELDS, type ConfigField, type Intent } from './intent';
import type { FunctionShape, Observed, WantedShape } from './shape';
import { formatBytes } from '../../../../../shared/text/bytes';

const line = (action: PlanLine['action'], subject: string, before: string | null, after: string | null, detail?: string): PlanLine => ({ action, subject, before, after, ...(detail ? { detail } : {}) });

const keysOf = (env: Record<string, string>) => (Object.keys(env).length ? Object.keys(env).sort().join(', ') : '(none)');

const FIELD_WORDS: Record<ConfigField, { subject: string; show: (shape: FunctionShape) => string | null }> = {
  memoryMb: { subject: 'memory (MB)', show: (s) => String(s.memoryMb) },
  timeoutSeconds: { subject: 'timeout (s)', show: (s) => String(s.timeoutSeconds) },
  ephemeralStorageMb: { subject: 'ephemeral storage /tmp (MB)', show: (s) => (s.ephemeralStorageMb === null ? null : String(s.ephemeralStorageMb)) },
  environment: { subject: 'environment (keys; values never shown)', show: (s) => keysOf(s.environment) },
  role: { subject: 'role', show: (s) => s.role },
};

/** The environment line's detail: which keys were added, removed or given another value (never the values). */
function environmentDetail(before: Record<string, string>, after: Record<string, string>): string | undefined {
  const added = Object.keys(after).filter((k) => !Object.hasOwn(before, k));
  const removed = Object.keys(before).filter((k) => !Object.hasOwn(after, k));
  const changed = Object.keys(after).filter((k) => Object.hasOwn(before, k) && before[k] !== after[k]);
  const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : '', changed.length ? `new value for ${changed.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/** What the function's image will be, by digest when the repository already holds it. */
export function imageText(observed: Observed): string {
  const image = observed.image;
  if (!image) return 'no image built';
  if (image.pushedDigest && observed.repository.uri) return `${observed.repository.uri}@${image.pushedDigest}`;
  return `image ${image.id.slice(7, 19)} (pinned by digest after the push)`;
}

/** The plan as `terraform plan` shows it: one line per thing, before → after where it changes. */
export function planLines(observed: Observed, wanted: WantedShape, intent: Intent, names: { functionName: string; alias: string }): PlanLine[] {
  const lines: PlanLine[] = [];
  const repo = observed.repository;
  lines.push(intent.createRepository ? line('create', `repository ${repo.name}`, null, repo.name, 'a private ECR repository for the image') : line('keep', `repository ${repo.name}`, repo.uri, repo.uri));
  lines.push(...roleLines(observed));
  lines.push(pushLine(observed));
  lines.push(...functionLines(observed, wanted, intent, names.functionName));
  const aliasVersion = intent.reuseVersion ?? intent.nextVersion;
  if (intent.reuseVersion === null) {
    lines.push(line('publish', 'version', observed.versions.at(-1)?.version ?? null, intent.nextVersion, 'a new immutable version of what $LATEST becomes (the number is Lambda\'s; this is the expected one)'));
  }
  const alias = observed.alias;
  if (intent.alias === 'create') lines.push(line('create', `alias ${names.alias}`, null, `version ${aliasVersion}`));
  else if (intent.alias === 'move') lines.push(line('move', `alias ${names.alias}`, `version ${alias!.version}`, `version ${aliasVersion}`, 'the alias is what callers invoke; rollback moves it back'));
  else lines.push(line('keep', `alias ${names.alias}`, `version ${alias!.version}`, `version ${alias!.version}`));
  return lines;
}

function roleLines(observed: Observed): PlanLine[] {
  const role = observed.role;
  if (role.kind === 'needed') return [];
  if (role.kind === 'create') {
    return role.exists
      ? [line('keep', `role ${role.name}`, role.arn, role.arn, 'already exists: reused')]
      : [line('create', `role ${role.name}`, null, role.arn, 'trusts lambda.amazonaws.com, with AWSLambdaBasicExecutionRole (logs to CloudWatch)')];
  }
  return [];
}

function pushLine(observed: Observed): PlanLine {
  const image = observed.image;
  if (!image) return line('push', 'image layers', null, null, 'no image is built yet: build it first');
  if (image.pushedDigest) return line('keep', 'image layers', `${image.layers} layers`, `${image.layers} layers`, `the repository already holds this image (${image.pushedDigest.slice(0, 19)}…): nothing to push`);
  const size = `${image.layers} layers, at most ${formatBytes(image.bytes)}`;
  return line('push', 'image layers', null, size, 'an upper bound from the local sizes: layers the repository already has are skipped');
}

function functionLines(observed: Observed, wanted: WantedShape, intent: Intent, functionName: string): PlanLine[] {
  const fn = observed.fn;
  const image = imageText(observed);
  if (!fn) {
    const after: FunctionShape = wanted;
    return [
      line('create', `function ${functionName}`, null, functionName, 'package type Image'),
      line('create', 'image', null, image),
      line('create', 'architecture', null, wanted.architecture ?? 'unknown'),
      ...CONFIG_FIELDS
        .filter((field) => FIELD_WORDS[field].show(after) !== null)
        .map((field) => line('create', FIELD_WORDS[field].subject, null, FIELD_WORDS[field].show(after))),
    ];
  }
  if (intent.fn === 'keep') return [line('keep', `function ${functionName}`, null, null, '$LATEST already has this image and configuration')];
  const lines = [line('update', `function ${functionName}`, null, null, intent.codeUpdate ? 'new code, then configuration' : 'configuration only')];
  if (intent.codeUpdate) {
    lines.push(line('update', 'image', fn.imageUri ?? `sha256:${fn.codeSha256}`, image));
    if (fn.shape.architecture !== wanted.architecture && wanted.architecture) lines.push(line('update', 'architecture', fn.shape.architecture, wanted.architecture, 'changing the architecture needs a code update'));
  }
  for (const field of intent.configChanges) {
    const words = FIELD_WORDS[field];
    const detail = field === 'environment' ? environmentDetail(fn.shape.environment, wanted.environment) : undefined;
    lines.push(line('update', words.subject, words.show(fn.shape), words.show(wanted), detail));
  }
  return lines;
}
