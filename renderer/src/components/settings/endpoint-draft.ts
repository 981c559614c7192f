import type { EngineEndpoint } from '../../../../shared/contract';

export type EngineKind = EngineEndpoint['kind'];

/**
 * What the engine form holds: every kind's fields at once, as typed, so switching kind and back
 * keeps what the user entered. Ports stay text until they are sent; the core validates them.
 */
export interface EndpointDraft {
  kind: EngineKind;
  socketPath: string;
  tcpHost: string;
  tcpPort: string;
  tcpTls: boolean;
  tcpCertDir: string;
  sshHost: string;
  sshPort: string;
  sshUsername: string;
  sshIdentityFile: string;
}

const blankDraft: EndpointDraft = {
  kind: 'auto',
  socketPath: '/var/run/docker.sock',
  tcpHost: '',
  tcpPort: '2376',
  tcpTls: true,
  tcpCertDir: '',
  sshHost: '',
  sshPort: '22',
  sshUsername: '',
  sshIdentityFile: '',
};

export function draftFromEndpoint(endpoint: EngineEndpoint): EndpointDraft {
  switch (endpoint.kind) {
    case 'auto':
      return { ...blankDraft };
    case 'socket':
      return { ...blankDraft, kind: 'socket', socketPath: endpoint.path };
    case 'tcp':
      return {
        ...blankDraft,
        kind: 'tcp',
        tcpHost: endpoint.host,
        tcpPort: String(endpoint.port),
        tcpTls: endpoint.tls,
        tcpCertDir: endpoint.certDir ?? '',
      };
    case 'ssh':
      return {
        ...blankDraft,
        kind: 'ssh',
        sshHost: endpoint.host,
        sshPort: String(endpoint.port),
        sshUsername: endpoint.username,
        sshIdentityFile: endpoint.identityFile ?? '',
      };
  }
}

/** A port as typed; anything but digits becomes NaN, which the core rejects with a field error. */
const toPort = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** Empty optional fields are left out rather than sent as "". */
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** The endpoint to send for the kind chosen; the other kinds' fields are ignored. */
export function endpointFromDraft(draft: EndpointDraft): EngineEndpoint {
  switch (draft.kind) {
    case 'auto':
      return { kind: 'auto' };
    case 'socket':
      return { kind: 'socket', path: draft.socketPath };
    case 'tcp':
      return { kind: 'tcp', host: draft.tcpHost, port: toPort(draft.tcpPort), tls: draft.tcpTls, certDir: optional(draft.tcpCertDir) };
    case 'ssh':
      return {
        kind: 'ssh',
        host: draft.sshHost,
        port: toPort(draft.sshPort),
        username: draft.sshUsername,
        identityFile: optional(draft.sshIdentityFile),
      };
  }
}

/** Whether two endpoints say the same thing, compared in one canonical form. */
export function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  return JSON.stringify(endpointFromDraft(draftFromEndpoint(a))) === JSON.stringify(endpointFromDraft(draftFromEndpoint(b)));
}
