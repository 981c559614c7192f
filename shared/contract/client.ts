import { contract, type EventName, type EventPayload, type SkyliftApi } from './index';
import { channelName } from './define';
import type { Envelope } from './envelope';
import { SkyliftError } from '../errors';

/** What a transport must do; IPC (preload) and HTTP+WebSocket (browser mode) both provide it. */
export interface Transport {
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface SkyliftClient {
  api: SkyliftApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds the typed API from the contract; an error envelope is thrown as a SkyliftError. */
export function createClient(transport: Transport): SkyliftClient {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [domain, verbs] of Object.entries(contract)) {
    api[domain] = {};
    for (const verb of Object.keys(verbs)) {
      const channel = channelName(domain, verb);
      api[domain][verb] = async (input) => {
        const envelope = await transport.call(channel, input ?? {});
        if (!envelope.ok) throw new SkyliftError(envelope.error);
        return envelope.value;
      };
    }
  }
  return {
    api: api as unknown as SkyliftApi,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}
