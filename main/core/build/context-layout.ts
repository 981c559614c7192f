/**
 * Paths inside the build context Skylift assembles (see build-context.ts). The project's files
 * are split so weights and code land in separate layers.
 */
export const CONTEXT = {
  dockerfile: 'Dockerfile',
  runtime: 'skylift/runtime/',
  azure: 'skylift/azure/',
  requirements: 'skylift/requirements.txt',
  weights: 'weights/',
  app: 'app/',
} as const;
