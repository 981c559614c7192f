/**
 * Skylift's one import rule: imports point toward shared/. `npm run lint` runs this and fails
 * on any violation (VS Code's "bad layering", as a build error).
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is pure TypeScript: no Node built-ins, no electron, nothing from main/ or renderer/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer)/|(^|/)node_modules/electron/|^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer talks to core only through the contract: never main/, never Node.',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { path: '^main/|(^|/)node_modules/electron/|^electron$' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-never-electron',
      comment: 'main/core is plain Node so the CLI and browser mode can use it.',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '(^|/)node_modules/electron/|^electron$|^main/(app|preload|web|cli)/' },
    },
    {
      name: 'preload-only-shared',
      comment: 'The preload builds window.skylift from the contract and nothing else.',
      severity: 'error',
      from: { path: '^main/preload/' },
      to: { path: '^main/|^renderer/' },
    },
    {
      name: 'nothing-imports-app-or-renderer',
      comment: 'main/app is the Electron shell and renderer/ the UI: leaves, never imported by other layers.',
      severity: 'error',
      from: { pathNot: '^main/app/|^renderer/' },
      to: { path: '^main/app/|^renderer/src/' },
    },
    {
      name: 'front-ends-stay-apart',
      comment: 'web, cli and app each stand on core; they do not import one another (cli may start web).',
      severity: 'error',
      from: { path: '^main/(web|app)/' },
      to: { path: '^main/cli/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/|^test/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
