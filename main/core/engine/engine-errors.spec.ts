import { describe, expect, it } from 'vitest';
import { engineError } from './engine-errors';

const endpoint = { url: 'unix:///var/run/docker.sock', source: 'default' as const, tls: false };
const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('engineError', () => {
  it.each([
    ['ENOENT', 'ENGINE_UNREACHABLE', /not reachable at unix:\/\/\/var\/run\/docker.sock/, /systemctl start docker/],
    ['ECONNREFUSED', 'ENGINE_UNREACHABLE', /not reachable/, /Settings/],
    ['EACCES', 'ENGINE_PERMISSION_DENIED', /Permission denied/, /docker group/],
    ['ETIMEDOUT', 'ENGINE_UNREACHABLE', /did not answer in time/, /host and port/],
  ])('%s becomes %s with a hint', (code, expected, message, hint) => {
    const error = engineError(errno(code), endpoint);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it('recognises TLS failures', () => {
    expect(engineError(errno('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), endpoint).code).toBe('ENGINE_TLS');
  });

  it("reports an engine's HTTP error with the engine's own message", () => {
    const error = engineError(Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500, json: { message: 'disk quota' } }), endpoint);
    expect(error).toMatchObject({ code: 'ENGINE_ERROR', message: 'The Docker engine answered 500: disk quota' });
  });
});
