import { randomUUID } from 'node:crypto';
import type { ServiceModel } from './aws-model-core';
import type { WireAnswer } from './aws-model-wire';

/**
 * Answers in a model's output shape and its protocol's encoding. Only declared members are
 * written, so a double cannot answer with a field the real service never sends.
 */
export function successAnswer(model: ServiceModel, operationName: string, output: Record<string, unknown> = {}, requestId: string = randomUUID()): WireAnswer {
  const op = model.operation(operationName);
  const shapeName = op.output?.shape;
  if (model.protocol === 'query') {
    const result = shapeName ? xmlMembers(model, shapeName, output) : '';
    const wrapped = op.output?.resultWrapper ? `<${op.output.resultWrapper}>${result}</${op.output.resultWrapper}>` : '';
    const xml = `<${operationName}Response xmlns="${model.json.metadata.xmlNamespace}">${wrapped}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operationName}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: Buffer.from(xml) };
  }
  if (model.protocol === 'json') {
    const body = JSON.stringify(shapeName ? toJsonValue(model, shapeName, output) : {});
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
  }
  return restJsonSuccess(model, op.http.responseCode ?? 200, shapeName, output, requestId);
}

function restJsonSuccess(model: ServiceModel, status: number, shapeName: string | undefined, output: Record<string, unknown>, requestId: string): WireAnswer {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  if (!shapeName) return { status, headers, body: Buffer.alloc(0) };
  const shape = model.shape(shapeName);
  const bodyMembers: Record<string, unknown> = {};
  let body: Buffer | null = null;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    if (ref.location === 'statusCode') status = Number(value);
    else if (ref.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = String(value);
    else if (name === shape.payload) body = payloadBytes(model, ref.shape, value, headers);
    else if (!ref.location) bodyMembers[name] = value;
  }
  body ??= Buffer.from(JSON.stringify(toJsonValue(model, shapeName, bodyMembers)));
  return { status, headers, body };
}

function payloadBytes(model: ServiceModel, shapeName: string, value: unknown, headers: Record<string, string>): Buffer {
  if (model.shape(shapeName).type !== 'blob') return Buffer.from(JSON.stringify(toJsonValue(model, shapeName, value)));
  headers['content-type'] = 'application/octet-stream';
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
}

/**
 * An error in the protocol's shape: restJson1 sends X-Amzn-ErrorType and {Type, message};
 * awsJson1_1 {__type, message}; awsQuery an XML ErrorResponse. The status is the error shape's
 * (e.g. 409 for ResourceConflictException) unless the caller names one.
 */
export function errorAnswer(model: ServiceModel, code: string, message: string, options: { status?: number; requestId?: string } = {}): WireAnswer {
  const requestId = options.requestId ?? randomUUID();
  const shape = model.json.shapes[code];
  const status = options.status ?? shape?.error?.httpStatusCode ?? 400;
  const sender = shape?.error?.senderFault ?? status < 500;
  if (model.protocol === 'query') {
    const wireCode = shape?.error?.code ?? code;
    const xml = `<ErrorResponse xmlns="${model.json.metadata.xmlNamespace}"><Error><Type>${sender ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(wireCode)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: Buffer.from(xml) };
  }
  const messageKey = shape?.members?.Message && !shape.members.message ? 'Message' : 'message';
  if (model.protocol === 'json') {
    const body = JSON.stringify({ __type: code, [messageKey]: message });
    return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
  }
  const body = JSON.stringify({ ...(shape?.members?.Type ? { Type: sender ? 'User' : 'Service' } : {}), [messageKey]: message });
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId }, body: Buffer.from(body) };
}

/** A value as the JSON protocols encode it: declared members only, blobs base64, timestamps epoch seconds. */
export function toJsonValue(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = model.shape(shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = toJsonValue(model, ref.shape, (value as Record<string, unknown>)[name]);
        if (member !== undefined) out[ref.locationName && !ref.location ? ref.locationName : name] = member;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => toJsonValue(model, shape.member!.shape, item));
    case 'map':
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonValue(model, shape.value!.shape, v)]));
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : value;
    default:
      return value;
  }
}

function xmlMembers(model: ServiceModel, shapeName: string, value: Record<string, unknown>): string {
  const shape = model.shape(shapeName);
  return Object.entries(shape.members ?? {})
    .map(([name, ref]) => xmlValue(model, ref.shape, ref.locationName ?? name, value[name]))
    .join('');
}

function xmlValue(model: ServiceModel, shapeName: string, tag: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const shape = model.shape(shapeName);
  const wrap = (inner: string) => `<${tag}>${inner}</${tag}>`;
  switch (shape.type) {
    case 'structure':
      return wrap(xmlMembers(model, shapeName, value as Record<string, unknown>));
    case 'list':
      return wrap((value as unknown[]).map((item) => xmlValue(model, shape.member!.shape, shape.member!.locationName ?? 'member', item)).join(''));
    case 'map':
      return wrap(Object.entries(value as Record<string, unknown>).map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${xmlValue(model, shape.value!.shape, 'value', v)}</entry>`).join(''));
    case 'timestamp':
      return wrap(value instanceof Date ? value.toISOString() : typeof value === 'number' ? new Date(value * 1000).toISOString() : escapeXml(String(value)));
    case 'blob':
      return wrap(Buffer.isBuffer(value) ? value.toString('base64') : escapeXml(String(value)));
    default:
      return wrap(escapeXml(String(value)));
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
