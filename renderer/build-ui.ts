import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../engine/paths/app-root.ts';

const RENDERER = path.join(APP_ROOT, 'renderer');
const DIST_INDEX = path.join(RENDERER, 'dist', 'index.html');
const LOCK = path.join(RENDERER, '.build-ui.lock');
/** Sources whose change makes renderer/dist stale. */
const SOURCES = [path.join(RENDERER, 'src'), path.join(RENDERER, 'index.html'), path.join(RENDERER, 'vite.config.ts'), path.join(APP_ROOT, 'engine', 'app', 'api', 'client')];

function newestMtime(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}

function isFresh(): boolean {
  const built = statSync(DIST_INDEX, { throwIfNoEntry: false });
  return !!built && built.mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

/**
 * Builds renderer/dist when it is missing or older than its sources (about 1 s with Vite), so
 * `npm start` and `npm test` on a fresh clone work without remembering `npm run build:ui`. A lock
 * directory keeps two builders (e2e files, a starting kiosk) from building at the same time.
 */
export async function ensureUiBuilt(): Promise<void> {
  if (isFresh()) return;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another UI build');
      await new Promise((r) => setTimeout(r, 250));
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    const { build } = await import('vite');
    await build({ configFile: path.join(RENDERER, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
