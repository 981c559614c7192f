import { describe, expect, it } from 'vitest';
import { readableInstruction } from './build-service';

describe('readableInstruction', () => {
  it('drops the shell and build-arg prefixes the engine records', () => {
    expect(readableInstruction('|1 DEBIAN_FRONTEND=noninteractive /bin/sh -c apt-get update')).toBe('apt-get update');
    expect(readableInstruction('/bin/sh -c #(nop) COPY dir:abc in /app/ ')).toBe('COPY dir:abc in /app/');
    expect(readableInstruction('COPY weights/ /app/ # buildkit')).toBe('COPY weights/ /app/ # buildkit');
  });
});
