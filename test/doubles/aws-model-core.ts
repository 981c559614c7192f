import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A botocore service model (`*-service-2.json`), loaded so the AWS doubles accept and answer
 * exactly what the published API does: each request is checked against the operation's input
 * shape (required members, types, lengths, ranges, patterns, enums) and each answer carries only
 * the output shape's declared members. The wire formats (restJson1, awsJson1_1, awsQuery) are in
 * aws-model-wire.ts.
 */
export interface ShapeRef {
  shape: string;
  location?: 'uri' | 'header' | 'headers' | 'querystring' | 'statusCode';
  locationName?: string;
  [more: string]: unknown;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'blob' | 'timestamp' | 'double' | 'float';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  payload?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: Array<{ shape: string }>;
}

export interface ServiceModelJson {
  metadata: { protocol: string; apiVersion: string; targetPrefix?: string; xmlNamespace?: string; signingName?: string; endpointPrefix: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/** One way a request breaks the model; `path` is the members from the input's root (model names). */
export interface ModelProblem {
  path: string[];
  /** In AWS's own wording: "Value '64' at 'memorySize' failed to satisfy constraint: Member must …". */
  message: string;
}

/** The published models, beside the repository (tests run from its root). */
export const FIXTURES_AWS = path.resolve('../shared/fixtures/aws');

const loaded = new Map<string, ServiceModel>();

/** `loadServiceModel('lambda')` reads lambda-service-2.json once per process. */
export function loadServiceModel(service: 'lambda' | 'ecr' | 'iam' | string, folder = FIXTURES_AWS): ServiceModel {
  const file = path.join(folder, `${service}-service-2.json`);
  let model = loaded.get(file);
  if (!model) {
    model = new ServiceModel(JSON.parse(readFileSync(file, 'utf8')) as ServiceModelJson);
    loaded.set(file, model);
  }
  return model;
}

export class ServiceModel {
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(readonly json: ServiceModelJson) {}

  get protocol(): string {
    return this.json.metadata.protocol;
  }

  operation(name: string): Operation {
    const op = this.json.operations[name];
    if (!op) throw new Error(`the ${this.json.metadata.endpointPrefix} model has no operation ${name}`);
    return op;
  }

  shape(name: string): Shape {
    const shape = this.json.shapes[name];
    if (!shape) throw new Error(`the model has no shape ${name}`);
    return shape;
  }

  /** Every way `input` breaks the operation's input shape; empty when the request is valid. */
  validateInput(operationName: string, input: unknown): ModelProblem[] {
    const op = this.operation(operationName);
    if (!op.input) return [];
    const problems: ModelProblem[] = [];
    this.check(op.input.shape, input ?? {}, [], problems);
    return problems;
  }

  /** The pattern as JavaScript runs it (full match, as Java's `matches`), or null if it cannot be compiled. */
  pattern(source: string): RegExp | null {
    if (!this.patterns.has(source)) this.patterns.set(source, compilePattern(source));
    return this.patterns.get(source) ?? null;
  }

  private check(shapeName: string, value: unknown, at: string[], problems: ModelProblem[]): void {
    if (value === undefined || value === null) return;
    const shape = this.shape(shapeName);
    const fail = (constraint: string) => problems.push({ path: at, message: `Value ${shown(value)} at '${wirePath(at)}' failed to satisfy constraint: ${constraint}` });
    const typeError = typeProblem(shape, value);
    if (typeError) return void fail(typeError);
    switch (shape.type) {
      case 'structure':
        return this.checkStructure(shape, value as Record<string, unknown>, at, problems);
      case 'list':
        this.checkSize(shape, (value as unknown[]).length, fail);
        (value as unknown[]).forEach((item, i) => this.check(shape.member!.shape, item, [...at, `${i + 1}`, 'member'], problems));
        return;
      case 'map':
        this.checkSize(shape, Object.keys(value as object).length, fail);
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          this.check(shape.key!.shape, key, [...at, 'key'], problems);
          this.check(shape.value!.shape, item, [...at, key], problems);
        }
        return;
      case 'string':
        return this.checkString(shape, value as string, fail);
      case 'blob':
        return this.checkSize(shape, blobLength(value), fail);
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        if (shape.min !== undefined && (value as number) < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && (value as number) > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
        return;
      default:
        return;
    }
  }

  private checkStructure(shape: Shape, value: Record<string, unknown>, at: string[], problems: ModelProblem[]): void {
    for (const name of shape.required ?? []) {
      if (value[name] === undefined || value[name] === null) problems.push({ path: [...at, name], message: `Value null at '${wirePath([...at, name])}' failed to satisfy constraint: Member must not be null` });
    }
    // Undeclared members are ignored, as AWS's JSON deserializers ignore them.
    for (const [name, ref] of Object.entries(shape.members ?? {})) this.check(ref.shape, value[name], [...at, name], problems);
  }

  private checkString(shape: Shape, value: string, fail: (constraint: string) => void): void {
    this.checkSize(shape, value.length, fail);
    if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    const pattern = shape.pattern === undefined ? null : this.pattern(shape.pattern);
    if (pattern && !pattern.test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }

  private checkSize(shape: Shape, size: number, fail: (constraint: string) => void): void {
    if (shape.min !== undefined && size < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && size > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
  }
}

/** "N validation error(s) detected: …; …", the message AWS's validators answer with. */
export function validationMessage(problems: readonly ModelProblem[]): string {
  const count = problems.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${problems.map((p) => p.message).join('; ')}`;
}

function typeProblem(shape: Shape, value: unknown): string | null {
  const expected: Record<Shape['type'], (v: unknown) => boolean> = {
    structure: (v) => typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v),
    map: (v) => typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v),
    list: (v) => Array.isArray(v),
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31,
    long: (v) => Number.isSafeInteger(v),
    double: (v) => typeof v === 'number' && Number.isFinite(v),
    float: (v) => typeof v === 'number' && Number.isFinite(v),
    boolean: (v) => typeof v === 'boolean',
    blob: (v) => typeof v === 'string' || Buffer.isBuffer(v),
    timestamp: (v) => (typeof v === 'number' && Number.isFinite(v)) || v instanceof Date || (typeof v === 'string' && !Number.isNaN(Date.parse(v))),
  };
  return expected[shape.type](value) ? null : `Member must be of type ${shape.type}`;
}

function blobLength(value: unknown): number {
  return Buffer.isBuffer(value) ? value.length : Buffer.byteLength(String(value), 'base64');
}

/** AWS names members in messages with a lowercase first letter: MemorySize → memorySize. */
function wirePath(at: readonly string[]): string {
  return at.map((part) => part.charAt(0).toLowerCase() + part.slice(1)).join('.');
}

function shown(value: unknown): string {
  if (Buffer.isBuffer(value)) return `'<${value.length} bytes>'`;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `'${text.length > 100 ? `${text.slice(0, 100)}…` : text}'`;
}

/**
 * botocore's patterns are Java regular expressions matched whole. Most compile as JavaScript
 * with the `u` flag (for \p{L}); a few only without it (identity escapes such as `\-`).
 */
function compilePattern(source: string): RegExp | null {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${source})$`, flags);
    } catch {
      // try the next flavour
    }
  }
  return null;
}
