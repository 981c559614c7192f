import type { ResolvedEndpoint } from '../../../../shared/contract';

/** Says in words what decided which engine Skylift talks to. */
export function endpointSourceLabel(endpoint: ResolvedEndpoint): string {
  switch (endpoint.source) {
    case 'settings':
      return 'Skylift settings';
    case 'DOCKER_HOST':
      return 'DOCKER_HOST environment variable';
    case 'docker-context':
      return endpoint.contextName ? `Docker context “${endpoint.contextName}”` : 'Current Docker context';
    case 'default':
      return 'Default socket';
  }
}
