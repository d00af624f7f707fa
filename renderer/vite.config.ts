import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Builds the kiosk UI into renderer/dist, which the engine API serves. Relative base, so the same
 * build works from the API server and from a file:// or app:// origin in the Electron shell.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // The polyfill would be inlined as a script; the CSP forbids inline script and Chromium needs none.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
  },
  server: {
    // `vite dev` against a running engine: `VOICE_KIOSK_API_ALLOWED_HOSTS='["localhost:5173"]' voice-kiosk
    // start --port 8787` then `npx vite renderer` (the proxy forwards the dev server's Host and Origin,
    // which the engine's DNS-rebinding guard refuses unless they are allowed).
    proxy: { '/api': 'http://127.0.0.1:8787', '/events': { target: 'ws://127.0.0.1:8787', ws: true } },
  },
});
