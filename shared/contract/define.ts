import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec;

export type ContractShape = Record<string, Record<string, CallSpec>>;
export type EventShape = Record<string, z.ZodType>;

/** `engine` + `info` → `engine:info`: the one place a channel name is made. */
export const channelName = (domain: string, verb: string): string => `${domain}:${verb}`;

export type Channel<C extends ContractShape> = {
  [D in keyof C & string]: `${D}:${keyof C[D] & string}`;
}[keyof C & string];

export function listCalls<C extends ContractShape>(contract: C): Array<{ domain: string; verb: string; channel: string; spec: CallSpec }> {
  return Object.entries(contract).flatMap(([domain, verbs]) =>
    Object.entries(verbs).map(([verb, spec]) => ({ domain, verb, channel: channelName(domain, verb), spec })),
  );
}
