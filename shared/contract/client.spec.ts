import { describe, expect, it } from 'vitest';
import { SkyliftError } from '../errors';
import { createClient, type Transport } from './client';
import { allChannels, contract } from './index';

describe('createClient', () => {
  it('has one method per contract call, each on its domain:verb channel', async () => {
    const called: string[] = [];
    const transport: Transport = {
      call: async (channel) => (called.push(channel), { ok: true, value: channel }),
      subscribe: () => () => undefined,
    };
    const { api } = createClient(transport);
    for (const [domain, verbs] of Object.entries(contract)) {
      for (const verb of Object.keys(verbs)) {
        const method = (api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[domain][verb];
        await expect(method({})).resolves.toBe(`${domain}:${verb}`);
      }
    }
    expect(called).toEqual(allChannels);
  });

  it('throws an error envelope as a SkyliftError that keeps code and hint', async () => {
    const transport: Transport = {
      call: async () => ({ ok: false, error: { code: 'ENGINE_UNREACHABLE', message: 'No engine.', hint: 'Start it.' } }),
      subscribe: () => () => undefined,
    };
    const error = await createClient(transport).api.engine.status({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkyliftError);
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: 'No engine.', hint: 'Start it.' });
  });
});
