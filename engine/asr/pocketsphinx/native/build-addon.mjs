#!/usr/bin/env node
// npm `install` hook: builds the PocketSphinx N-API addon against Debian's libpocketsphinx.
// A machine without the Debian packages must still finish `npm install` (the kiosk then reports the
// pocketsphinx ASR stage unavailable), so every failure here prints what to do and exits 0.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const HINT = 'apt-get install libpocketsphinx-dev pocketsphinx-en-us pkg-config';

function warn(msg) {
  process.stderr.write(
    `voice-kiosk: pocketsphinx ASR addon not built: ${msg}\n  fix: ${HINT}, then npm run build:asr\n`,
  );
}

function hasPkgConfig() {
  try {
    execFileSync('pkg-config', ['--exists', 'pocketsphinx', 'sphinxbase'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** node-gyp as npm runs it (npm_config_node_gyp), else the copy bundled with this node's npm. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  return candidates.find((c) => c && existsSync(c));
}

function main() {
  if (process.env.VOICE_KIOSK_SKIP_ASR_ADDON) return;
  if (!hasPkgConfig())
    return warn('pkg-config cannot find pocketsphinx/sphinxbase (Debian dev packages missing)');
  const gyp = nodeGyp();
  if (!gyp) return warn('node-gyp not found (it ships with npm)');
  // Build against this node's own headers when they are installed (Debian's nodejs, the Pi), so no
  // header download is needed; otherwise node-gyp fetches them (or npm's nodedir setting applies).
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  const args = [gyp, 'rebuild'];
  if (!process.env.npm_config_nodedir && existsSync(path.join(prefix, 'include', 'node', 'node_api.h')))
    args.push(`--nodedir=${prefix}`);
  const res = spawnSync(process.execPath, args, {
    cwd: here,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    process.stderr.write(res.stderr?.split('\n').slice(-15).join('\n') ?? '');
    return warn(`node-gyp exited with ${res.status}`);
  }
  process.stderr.write('voice-kiosk: pocketsphinx ASR addon built\n');
}

main();
