import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * `npm run build:electron`: bundles the shell for Electron, which runs neither TypeScript nor (for a
 * sandboxed preload) multi-file modules: main → electron/dist/main.js (ESM), preload →
 * electron/dist/preload.cjs (one CommonJS file, `electron` left external).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'dist');
const nodeBuiltins = [/^node:/, 'electron', 'ws', 'zod', 'bufferutil', 'utf-8-validate'];

/** Builds both bundles; returns their paths. */
export async function buildElectron(): Promise<{ main: string; preload: string }> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node22',
      ssr: true,
      minify: false,
      lib: { entry: path.join(here, 'main.ts'), formats: ['es'], fileName: () => 'main.js' },
      rollupOptions: { external: nodeBuiltins },
    },
  });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      target: 'chrome120',
      minify: false,
      lib: { entry: path.join(here, 'preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  });
  return { main: path.join(outDir, 'main.js'), preload: path.join(outDir, 'preload.cjs') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildElectron();
  process.stdout.write(`built ${out.main} and ${out.preload}\n`);
}
