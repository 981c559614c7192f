import type http from 'node:http';
import type { Operation, ServiceModel, Shape, ShapeRef } from './aws-model-core';

/**
 * The three wire formats of the AWS services Skylift publishes to, read and written from a
 * botocore model: restJson1 (Lambda: method + URI template, members in the path, headers and
 * query string, the rest a JSON body), awsJson1_1 (ECR: X-Amz-Target and a JSON body) and
 * awsQuery (IAM: a form body, lists as Name.member.N, XML answers).
 */
export interface WireRequest {
  method: string;
  /** Path and query string, as http.IncomingMessage.url has them. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ParsedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request the protocol cannot read at all (bad JSON, unknown action): answered with `code`. */
export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Which operation a request names and its input, or a WireError when the protocol cannot read it. */
export function parseRequest(model: ServiceModel, req: WireRequest): ParsedRequest {
  if (model.protocol === 'rest-json') return parseRestJson(model, req);
  if (model.protocol === 'json') return parseAwsJson(model, req);
  if (model.protocol === 'query') return parseAwsQuery(model, req);
  throw new Error(`protocol ${model.protocol} is not one the doubles speak`);
}

function parseRestJson(model: ServiceModel, req: WireRequest): ParsedRequest {
  const url = new URL(req.url, 'http://double');
  const match = restJsonRoutes(model).map((route) => ({ route, labels: route.match(req.method, url) })).find((m) => m.labels !== null);
  if (!match?.labels) throw new WireError('UnknownOperationException', `No operation answers ${req.method} ${url.pathname}`, 404);
  const op = match.route.operation;
  const input: Record<string, unknown> = {};
  if (!op.input) return { operation: op.name, input };
  const shape = model.shape(op.input.shape);
  const bodyMembers: Record<string, unknown> = shape.payload ? {} : readJson(req.body);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = locatedValue(model, ref, match.labels, url, req);
    if (value !== undefined) input[name] = value;
    else if (name === shape.payload) input[name] = payloadValue(model, ref, req.body);
    else if (!ref.location && bodyMembers[name] !== undefined) input[name] = bodyMembers[name];
  }
  return { operation: op.name, input };
}

function locatedValue(model: ServiceModel, ref: ShapeRef, labels: Record<string, string>, url: URL, req: WireRequest): unknown {
  const name = ref.locationName ?? '';
  const target = model.shape(ref.shape);
  if (ref.location === 'uri') return labels[name] === undefined ? undefined : scalar(target, labels[name]);
  if (ref.location === 'querystring') {
    if (target.type === 'list') return url.searchParams.has(name) ? url.searchParams.getAll(name).map((v) => scalar(model.shape(target.member!.shape), v)) : undefined;
    return url.searchParams.has(name) ? scalar(target, url.searchParams.get(name)!) : undefined;
  }
  if (ref.location === 'header') {
    const raw = req.headers[name.toLowerCase()];
    return raw === undefined ? undefined : scalar(target, Array.isArray(raw) ? raw.join(',') : raw);
  }
  return undefined;
}

function payloadValue(model: ServiceModel, ref: ShapeRef, body: Buffer): unknown {
  if (model.shape(ref.shape).type === 'blob') return body.length ? body : undefined;
  return body.length ? readJson(body) : undefined;
}

interface RestJsonRoute {
  operation: Operation;
  literalChars: number;
  match(method: string, url: URL): Record<string, string> | null;
}

const routesByModel = new WeakMap<ServiceModel, RestJsonRoute[]>();

/** Each operation's URI template as a matcher; the most literal template wins, as in AWS's routers. */
function restJsonRoutes(model: ServiceModel): RestJsonRoute[] {
  let routes = routesByModel.get(model);
  if (!routes) {
    routes = Object.values(model.json.operations).map(routeFor).sort((a, b) => b.literalChars - a.literalChars);
    routesByModel.set(model, routes);
  }
  return routes;
}

function routeFor(operation: Operation): RestJsonRoute {
  const [template, fixedQuery = ''] = operation.http.requestUri.split('?');
  const names: string[] = [];
  const source = template.replace(/\{(\w+)(\+?)\}|[^{]+/g, (part, name?: string, greedy?: string) => {
    if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const pattern = new RegExp(`^${source}$`);
  const required = [...new URLSearchParams(fixedQuery).entries()];
  return {
    operation,
    literalChars: template.replace(/\{[^}]+\}/g, '').length + fixedQuery.length,
    match(method, url) {
      if (method !== operation.http.method) return null;
      const m = pattern.exec(url.pathname);
      if (!m || !required.every(([k, v]) => url.searchParams.get(k) === v)) return null;
      return Object.fromEntries(names.map((name, i) => [name, decodeLabel(m[i + 1])]));
    },
  };
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new WireError('SerializationException', `The request path has a malformed percent-encoding: ${raw.slice(0, 100)}`);
  }
}

function parseAwsJson(model: ServiceModel, req: WireRequest): ParsedRequest {
  const target = String(req.headers['x-amz-target'] ?? '');
  const prefix = `${model.json.metadata.targetPrefix}.`;
  const name = target.startsWith(prefix) ? target.slice(prefix.length) : '';
  if (req.method !== 'POST' || !model.json.operations[name]) throw new WireError('UnknownOperationException', `Unknown operation ${target}`);
  return { operation: name, input: readJson(req.body) };
}

function parseAwsQuery(model: ServiceModel, req: WireRequest): ParsedRequest {
  const params = new URLSearchParams(req.method === 'POST' ? req.body.toString('utf8') : new URL(req.url, 'http://double').search);
  const action = params.get('Action') ?? '';
  const op = model.json.operations[action];
  if (!op) throw new WireError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version')}`);
  if (params.get('Version') !== model.json.metadata.apiVersion) throw new WireError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version')}`);
  const input = op.input ? (fromQuery(model, op.input.shape, '', indexQuery(params)) as Record<string, unknown> | undefined) : undefined;
  return { operation: action, input: input ?? {} };
}

/** A form's values by name, and for each list or map prefix ("Tags.member.") the item numbers present: built once, so reading stays linear in the form. */
interface QueryIndex {
  values: Map<string, string>;
  items: Map<string, number[]>;
}

function indexQuery(params: URLSearchParams): QueryIndex {
  const values = new Map<string, string>();
  const found = new Map<string, Set<number>>();
  for (const [key, value] of params) {
    if (!values.has(key)) values.set(key, value);
    for (const m of key.matchAll(/\.(?:member|entry)\.(\d+)(?=\.|$)/g)) {
      const prefix = key.slice(0, m.index + m[0].length - m[1].length);
      const n = Number(m[1]);
      if (n > 0) (found.get(prefix) ?? found.set(prefix, new Set()).get(prefix)!).add(n);
    }
  }
  return { values, items: new Map([...found].map(([prefix, set]) => [prefix, [...set].sort((a, b) => a - b)])) };
}

/** awsQuery's flattened names back into the input's tree: Tags.member.1.Key → Tags[0].Key. */
function fromQuery(model: ServiceModel, shapeName: string, prefix: string, query: QueryIndex): unknown {
  const shape = model.shape(shapeName);
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (shape.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const value = fromQuery(model, ref.shape, at(ref.locationName ?? name), query);
      if (value !== undefined) out[name] = value;
    }
    return prefix && Object.keys(out).length === 0 ? undefined : out;
  }
  if (shape.type === 'list') {
    // "Name=" (empty) is how awsQuery sends an empty list.
    if (query.values.get(prefix) === '') return [];
    const items = query.items.get(`${prefix}.member.`);
    return items?.map((n) => fromQuery(model, shape.member!.shape, `${prefix}.member.${n}`, query));
  }
  if (shape.type === 'map') {
    const items = query.items.get(`${prefix}.entry.`) ?? [];
    const entries = items.map((n) => [query.values.get(`${prefix}.entry.${n}.key`), fromQuery(model, shape.value!.shape, `${prefix}.entry.${n}.value`, query)]);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  const raw = query.values.get(prefix);
  return raw === undefined ? undefined : scalar(shape, raw);
}

/** A header, label or form value in the member's type; a value that is not one is kept as text, and validation names it. */
function scalar(shape: Shape, raw: string): unknown {
  if (['integer', 'long', 'double', 'float'].includes(shape.type)) return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (shape.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function readJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new WireError('SerializationException', 'The request body is not a JSON object.');
}

/** Reads a request whole (the doubles' requests are small; Invoke's payload is capped by the caller). */
export function readWireRequest(req: http.IncomingMessage, maxBytes = 8 * 1024 * 1024): Promise<WireRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return void req.destroy(new WireError('RequestTooLargeException', `Request must be smaller than ${maxBytes} bytes.`, 413));
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolve({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) }));
  });
}

export function sendWireAnswer(res: http.ServerResponse, answer: WireAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  res.end(answer.body);
}
