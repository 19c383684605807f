import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { DEVELOPMENT_META_CONTENT_SECURITY_POLICY } from './main/shell/content-security-policy';

/** The dev server's page gets the development policy; built pages keep the strict one in index.html. */
const developmentCsp: Plugin = {
  name: 'registry-desk-development-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*/, `$1${DEVELOPMENT_META_CONTENT_SECURITY_POLICY}`),
};

// The project keeps main/, preload/ and renderer/ at the top level, so each gets its input.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is bundled, not loaded as its ~70 module files from node_modules: every start pays for
      // those, and a tool's call of the packaged helper mode starts the app each time (a third of its CPU time).
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but electron: bundle it as one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react(), developmentCsp],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
