import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../engine/app/config/load.ts';
import { createKioskEngine, type KioskEngine, type KioskEngineOptions } from '../../../engine/app/kiosk-engine.ts';
import type { KioskConfigInput } from '../../../engine/contracts/config.ts';
import { createLogger } from '../../../engine/log/logger.ts';

export interface OfflineKiosk {
  engine: KioskEngine;
  /** Its own temporary folder (database, data), removed by close(). */
  dir: string;
  close(): Promise<void>;
}

/**
 * The kiosk as the composition root builds it for `voice-kiosk start`, minus the parts a test of the
 * wiring must not touch: no microphone, no API server, no broker connection, no speaker, no log
 * output. Its database and data live in a fresh temporary folder. A section in `overrides` replaces
 * the one set here (paths, audio, tts).
 */
export async function startOfflineKiosk(
  name: string,
  overrides: KioskConfigInput = {},
  options: KioskEngineOptions = {},
): Promise<OfflineKiosk> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `vk-${name}-`));
  const config = loadConfig({
    env: {},
    overrides: {
      paths: { db: path.join(dir, 'kiosk.db'), dataDir: dir },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
      ...overrides,
    },
  });
  const engine = await createKioskEngine(config, {
    audio: 'none',
    api: false,
    offload: false,
    log: createLogger('test', {}, () => undefined),
    ...options,
  });
  return {
    engine,
    dir,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
