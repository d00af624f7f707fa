import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { APP_ROOT, loadConfig } from '../../config/load.ts';
import type { KioskConfigInput } from '../../../contracts/config.ts';
import { createLogger, type Logger } from '../../../log/logger.ts';
import { createKioskEngine } from '../../kiosk-engine.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseFlags, portFlag } from './cli-args.ts';

const USAGE = `usage: voice-kiosk start [--port N] [--db PATH] [--mqtt URL] [--config FILE] [--no-electron] [--no-mic]
  --port N        UI/API port on 127.0.0.1 (0 = any free port; default config api.port)
  --db PATH       the kiosk's SQLite database (default config paths.db)
  --mqtt URL      an external broker instead of the embedded one
  --no-electron   do not open the Electron shell: open the printed URL in a browser
  --no-mic        no microphone: tap and typing only`;

export const command: CliCommand = {
  usage: USAGE,
  summary: 'start the kiosk: engine, UI server (+ Electron if installed), embedded broker and summarizer',
  async run(argv) {
    const flags = parseFlags(argv, {
      values: ['port', 'db', 'mqtt', 'config'],
      switches: ['no-electron', 'no-mic'],
    });
    const overrides: KioskConfigInput = {};
    const port = portFlag(flags.port);
    if (port !== undefined) overrides.api = { port };
    if (typeof flags.db === 'string') overrides.paths = { db: path.resolve(flags.db) };
    if (typeof flags.mqtt === 'string') overrides.mqtt = { url: flags.mqtt };
    if (flags['no-mic']) overrides.audio = { micEnabled: false };
    const config = loadConfig({
      overrides,
      ...(typeof flags.config === 'string' ? { file: flags.config } : {}),
    });
    const log = createLogger('start');
    await buildUiIfStale(log);

    const engine = await createKioskEngine(config, { log });
    const url = `http://127.0.0.1:${engine.api!.port}/`;
    // Exactly one line on stdout: scripts and the e2e tests wait for it.
    process.stdout.write(`voice-kiosk: UI at ${url}\n`);

    let shell: ChildProcess | null = null;
    const electron = flags['no-electron'] ? null : electronBinary();
    // Electron runs neither TypeScript nor our sources directly: it needs the bundled shell.
    const shellMain = path.join(APP_ROOT, 'electron', 'dist', 'main.js');
    if (electron && !existsSync(shellMain)) await buildShell(log);
    if (electron && existsSync(shellMain)) {
      // Attach mode: the shell shows this engine instead of starting its own (electron/main.ts).
      shell = spawn(electron, [shellMain], {
        stdio: 'inherit',
        env: { ...process.env, VOICE_KIOSK_URL: url },
      });
      shell.once('error', (err) =>
        log.warn('electron did not start; open the URL in a browser', { error: err.message }),
      );
    } else if (electron) {
      log.warn('the Electron shell is not built (npm run build:electron): open the URL in a browser', {
        url,
      });
    } else if (!flags['no-electron']) {
      log.info('electron is not installed: open the URL in a browser', { url });
    }

    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info('shutting down', { signal });
        shell?.kill('SIGTERM');
        engine.close().finally(resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      shell?.once('exit', () => stop('electron-exit'));
    });
    return 0;
  },
};

/** The Electron binary when the optional dependency is installed with its download, else null. */
function electronBinary(): string | null {
  try {
    const bin = createRequire(import.meta.url)('electron') as unknown;
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/**
 * A fresh clone has no renderer/dist (build output is not tracked): build it before serving, so
 * `npm start` shows the kiosk screen. Vite is a dev dependency; where it is absent (a production
 * install) the engine serves the API only and says so.
 */
async function buildUiIfStale(log: Logger): Promise<void> {
  try {
    const { ensureUiBuilt } = await import('../../../../renderer/build-ui.ts');
    await ensureUiBuilt();
  } catch (err) {
    log.warn('could not build the UI (npm run build:ui)', { error: (err as Error).message });
  }
}

/** Bundles the Electron shell (esbuild) when Electron is installed but the shell was never built. */
async function buildShell(log: Logger): Promise<void> {
  try {
    const { buildElectron } = await import('../../../../electron/build.ts');
    await buildElectron();
  } catch (err) {
    log.warn('could not build the Electron shell (npm run build:electron)', { error: (err as Error).message });
  }
}
