import { describe, expect, it } from 'vitest';
import { check, withinDeadline } from './fault-log';

describe('fault probe helpers', () => {
  it('check throws its message when the condition fails, and nothing otherwise', () => {
    expect(() => check(0, 'it broke')).toThrow('it broke');
    expect(() => check('yes', 'unused')).not.toThrow();
  });

  it("within gives the promise's value, or names the hang once the deadline passes", async () => {
    const within = withinDeadline(30);
    await expect(within('quick', Promise.resolve(7))).resolves.toBe(7);
    await expect(within('never', new Promise(() => undefined))).rejects.toThrow('never: nothing within 30 ms (a hang)');
    await expect(within('never', new Promise(() => undefined), 10)).rejects.toThrow('never: nothing within 10 ms (a hang)');
  });
});
