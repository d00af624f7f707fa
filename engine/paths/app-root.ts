import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed app) root: relative paths in the config resolve from here. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Resolves a configured path against the app root (absolute paths pass through). */
export function resolvePath(p: string): string {
  return path.isAbsolute(p) ? p : path.join(APP_ROOT, p);
}
