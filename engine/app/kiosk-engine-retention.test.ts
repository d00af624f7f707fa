import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { openKioskStore } from '../store/kiosk-store.ts';
import { loadConfig } from './config/load.ts';
import { createKioskEngine } from './kiosk-engine.ts';

/*
 * Retention is part of the composition root, so every mode purges: before issue 14 only the relay
 * (`voice-kiosk engine`) did, and the kiosk that `npm start` and Electron run kept transcripts forever.
 * Real SQLite files; the stages of the kiosk mode are the real ones.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const quiet = createLogger('test', {}, () => undefined);

/** A database holding one shopper question 45 days old and one 3 days old (retention: 30 days). */
function seed(db: string): void {
  const store = openKioskStore(db, { maxJobAgeMs: 7 * DAY, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
  store.conversations.recordInteraction({
    correlationId: 'expired',
    text: 'where are the expired gloves',
    heardAt: new Date(NOW.getTime() - 45 * DAY),
  });
  store.conversations.recordInteraction({
    correlationId: 'recent',
    text: 'where are the recent gloves',
    heardAt: new Date(NOW.getTime() - 3 * DAY),
  });
  store.close();
}

function configFor(name: string, extra: { mqtt?: { url: string } } = {}) {
  const db = path.join(dir, `${name}.db`);
  seed(db);
  return loadConfig({
    env: {},
    overrides: {
      paths: { db, dataDir: path.join(dir, name) },
      audio: { micEnabled: false },
      tts: { engine: 'none' },
      retention: { transcriptDays: 30 },
      ...extra,
    },
  });
}

describe('retention in every mode of the composition root', () => {
  it('a kiosk (start/run/Electron) purges expired transcripts when it starts', async () => {
    const engine = await createKioskEngine(configFor('kiosk'), {
      audio: 'none',
      api: false,
      offload: false,
      now: () => NOW,
      log: quiet,
    });
    try {
      expect(engine.store.search.search('gloves').map((h) => h.ref)).toEqual(['recent']);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('the relay purges the same way', async () => {
    // A broker that is not there: the relay stays offline, which retention must not depend on.
    const relay = await createKioskEngine(configFor('relay', { mqtt: { url: 'mqtt://127.0.0.1:9' } }), {
      mode: 'relay',
      now: () => NOW,
      log: quiet,
    });
    try {
      expect(relay.store.search.search('gloves').map((h) => h.ref)).toEqual(['recent']);
      expect(relay.offload?.online()).toBe(false);
    } finally {
      await relay.close();
    }
  }, 60_000);
});
