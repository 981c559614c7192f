/**
 * Seeded mutations of HTTP requests and WebSocket upgrades for the browser-mode fuzz test. The
 * same seed gives the same cases, so any unsafe case can be replayed from the printed seed.
 */

/** mulberry32: tiny, fast, and good enough to pick mutations deterministically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Credentials {
  port: number;
  token: string;
  /** "name=value" of the session cookie. */
  cookie: string;
}

interface RequestShape {
  method: string;
  target: string;
  version: string;
  headers: Array<[string, string]>;
  body: string;
  eol: string;
}

export interface FuzzCase {
  /** Which template and mutations made it, for the fault record. */
  label: string;
  bytes: Buffer;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, max: number): number => Math.floor(random() * max);

const WS_HEADERS: Array<[string, string]> = [
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
];

function templates(c: Credentials): Array<[string, RequestShape]> {
  const host: [string, string] = ['Host', `127.0.0.1:${c.port}`];
  const bearer: [string, string] = ['Authorization', `Bearer ${c.token}`];
  const cookie: [string, string] = ['Cookie', c.cookie];
  const json: [string, string] = ['Content-Type', 'application/json'];
  const shape = (method: string, target: string, headers: Array<[string, string]>, body = ''): RequestShape => ({
    method,
    target,
    version: 'HTTP/1.1',
    headers: body ? [...headers, ['Content-Length', String(Buffer.byteLength(body))]] : headers,
    body,
    eol: '\r\n',
  });
  return [
    ['page+cookie', shape('GET', '/', [host, cookie])],
    ['token-exchange', shape('GET', `/?token=${c.token}`, [host])],
    ['asset+bearer', shape('GET', '/assets/index.js', [host, bearer])],
    ['call+bearer', shape('POST', '/api/call/app:info', [host, bearer, json], '{}')],
    ['call+cookie', shape('POST', '/api/call/settings:get', [host, cookie, json, ['Origin', `http://127.0.0.1:${c.port}`]], '{}')],
    ['call-no-token', shape('POST', '/api/call/app:info', [host, json], '{}')],
    ['ws+bearer', shape('GET', '/api/events', [host, bearer, ...WS_HEADERS])],
    ['ws+cookie', shape('GET', '/api/events', [host, cookie, ...WS_HEADERS])],
    ['ws-no-token', shape('GET', '//', [host, ...WS_HEADERS])],
    ['page-no-token', shape('GET', '//', [host])],
  ];
}

const TARGET_PIECES = ['/', '//', '%', '%zz', '%c0', '%e2%82', '%00', '%2F', '%2e%2e', '[', ']', '..', '?', '#', '@', ':', '\\', 'token=', 'api', 'call', 'events', 'assets', 'é', '\u202e', '*', 'http://x'];
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH', 'PRI', 'get', 'G\tET', 'QUERY', 'M-SEARCH', ''];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 x', 'HTTPS/1.1', 'http/1.1', ''];
const HEADER_VALUES = ['', ' ', '\x00', '\x7f', 'é', '\u2028', '%zz', 'chunked', 'gzip, chunked', '-1', '1e3', '99999999999999999999', 'null', 'http://[', 'file://', 'Upgrade', 'websocket', 'h2c', '13', '99', 'x'.repeat(20_000)];
const HEADER_NAMES = ['Host', 'Origin', 'Cookie', 'Authorization', 'Content-Length', 'Transfer-Encoding', 'Connection', 'Upgrade', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Expect', 'Bad Name', 'X\x01', ':authority', ''];
const BODIES = ['', '{', '{}}', 'null', '[]', '"x"', '\xff\xfe', '['.repeat(5000), '{"a":' + '1'.repeat(400) + '}', '0\r\n\r\n', 'zz\r\nxx\r\n0\r\n\r\n'];

const MASK = '\x01\x02\x03\x04';
/** Client frames after an upgrade (latin1): valid, unmasked, bad opcode, oversize, bad close code, truncated. */
const WS_FRAMES = [
  `\x81\x85${MASK}iglhn`,
  '\x81\x05hello',
  `\x8f\x80${MASK}`,
  `\x81\xff\x7f\xff\xff\xff\xff\xff\xff\xff${MASK}x`,
  `\x81\xfe\xff\xff${MASK}${'x'.repeat(300)}`,
  `\x88\x82${MASK}\x01\x02`,
  `\x89\x80${MASK}`,
  '\x81',
];

type Mutation = (shape: RequestShape, random: Random, c: Credentials) => void;

const MUTATIONS: Record<string, Mutation> = {
  target: (s, r) => {
    s.target = Array.from({ length: 1 + int(r, 6) }, () => pick(r, TARGET_PIECES)).join('');
  },
  targetSuffix: (s, r) => {
    s.target += pick(r, TARGET_PIECES);
  },
  method: (s, r) => {
    s.method = pick(r, METHODS);
  },
  version: (s, r) => {
    s.version = pick(r, VERSIONS);
  },
  headerValue: (s, r) => {
    if (s.headers.length) s.headers[int(r, s.headers.length)][1] = pick(r, HEADER_VALUES);
  },
  headerAdd: (s, r) => {
    s.headers.splice(int(r, s.headers.length + 1), 0, [pick(r, HEADER_NAMES), pick(r, HEADER_VALUES)]);
  },
  headerDrop: (s, r) => {
    if (s.headers.length) s.headers.splice(int(r, s.headers.length), 1);
  },
  headerDuplicate: (s, r) => {
    if (s.headers.length) s.headers.push([...s.headers[int(r, s.headers.length)]]);
  },
  cookieGarbage: (s, r, c) => {
    s.headers.push(['Cookie', pick(r, [`${c.cookie.split('=')[0]}=${c.token}`, `${c.cookie};${c.cookie}x`, ';;=;', 'a'.repeat(9000), `${c.cookie.split('=')[0]}=`])]);
  },
  body: (s, r) => {
    s.body = pick(r, BODIES);
  },
  wsFrames: (s, r) => {
    s.body = Array.from({ length: 1 + int(r, 3) }, () => pick(r, WS_FRAMES)).join('');
  },
  lineEnding: (s, r) => {
    s.eol = pick(r, ['\n', '\r', '\r\r\n', '\n\r']);
  },
};

function serialize(s: RequestShape): Buffer {
  const head = [`${s.method} ${s.target} ${s.version}`, ...s.headers.map(([name, value]) => `${name}: ${value}`)].join(s.eol);
  return Buffer.from(`${head}${s.eol}${s.eol}${s.body}`, 'latin1');
}

/** Byte-level damage on top of the structural mutations: flip, insert, delete, truncate. */
function damageBytes(bytes: Buffer, random: Random): [string, Buffer] {
  const at = int(random, bytes.length);
  switch (int(random, 4)) {
    case 0:
      return ['flip', Buffer.concat([bytes.subarray(0, at), Buffer.from([int(random, 256)]), bytes.subarray(at + 1)])];
    case 1:
      return ['insert', Buffer.concat([bytes.subarray(0, at), Buffer.from([int(random, 256)]), bytes.subarray(at)])];
    case 2:
      return ['delete', Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + int(random, 16))])];
    default:
      return ['truncate', bytes.subarray(0, at)];
  }
}

/** `count` cases from `seed`: a template, one to three structural mutations, and sometimes byte damage. */
export function fuzzCases(seed: number, count: number, credentials: Credentials): FuzzCase[] {
  const random = seededRandom(seed);
  const bases = templates(credentials);
  const names = Object.keys(MUTATIONS);
  return Array.from({ length: count }, () => {
    const [template, base] = pick(random, bases);
    const shape: RequestShape = { ...base, headers: base.headers.map(([n, v]) => [n, v]) };
    const applied = Array.from({ length: 1 + int(random, 3) }, () => pick(random, names));
    for (const name of applied) MUTATIONS[name](shape, random, credentials);
    let bytes = serialize(shape);
    if (random() < 0.3) {
      const [damage, damaged] = damageBytes(bytes, random);
      applied.push(damage);
      bytes = damaged;
    }
    return { label: `${template} ${applied.join('+')} ${JSON.stringify(shape.target.slice(0, 40))}`, bytes };
  });
}
