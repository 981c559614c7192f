import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { keepServingOnUncaughtErrors } from './process-guard';

describe('keepServingOnUncaughtErrors', () => {
  it('logs an escaped error with its stack, warns without it, and removes itself on request', () => {
    const proc = new EventEmitter();
    const logged: Array<[string, unknown]> = [];
    const warnings: string[] = [];
    const remove = keepServingOnUncaughtErrors(proc, (context, error) => logged.push([context, error]), (line) => warnings.push(line), '/data/logs/skylift.log');
    const boom = new Error('boom');
    proc.emit('uncaughtException', boom);
    proc.emit('unhandledRejection', 'late');
    expect(logged).toEqual([['skylift serve: uncaught exception', boom], ['skylift serve: unhandled rejection', 'late']]);
    expect(warnings[0]).toContain('/data/logs/skylift.log');
    expect(warnings.join('')).not.toContain('boom');
    remove();
    expect(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
