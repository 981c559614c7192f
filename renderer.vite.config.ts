import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer's build config; it sits outside renderer/ because it is Node code, not UI code.
export default defineConfig({
  root: path.resolve(__dirname, 'renderer'),
  // Relative asset paths work both under app://skylift/ (Electron) and http://host:port/ (browser mode).
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // zod's pure-annotations are placed where Rollup cannot use them; harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
});
