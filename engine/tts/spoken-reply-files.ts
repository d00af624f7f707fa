import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Keeps only the `keep` newest spoken-reply WAVs in `dir` (0 = none), so a kiosk without a speaker
 * never fills its disk (each reply is ≈ 300 KB). Only *.wav files are touched; a missing folder is fine.
 */
export function purgeSpokenReplies(dir: string, keep = 0): number {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.wav'));
  } catch {
    return 0;
  }
  const wavs = names
    .map((f) => {
      try {
        return { f, t: statSync(path.join(dir, f)).mtimeMs };
      } catch {
        return null;
      }
    })
    .filter((w): w is { f: string; t: number } => w !== null)
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  let removed = 0;
  for (const { f } of wavs.slice(keep)) {
    rmSync(path.join(dir, f), { force: true });
    removed++;
  }
  return removed;
}
