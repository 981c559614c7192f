declare const __SKYLIFT_VERSION__: string | undefined;

/** Injected at build time from package.json; tests and dev runs see the dev marker. */
export const skyliftVersion: string = typeof __SKYLIFT_VERSION__ === 'string' ? __SKYLIFT_VERSION__ : '0.0.0-dev';
