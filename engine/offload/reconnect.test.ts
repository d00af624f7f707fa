// Real: a private Mosquitto (killed with SIGKILL and restarted on the same port), mqtt.js v5, SQLite.
// Test peer: CloudPeer (scripted MQTT v5 client; computes no summaries).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../contracts/events.ts';
import { EventBus } from '../pipeline/event-bus.ts';
import { openKioskStore, type KioskStore } from '../store/kiosk-store.ts';
import { OffloadClient } from './offload-client.ts';
import { CloudPeer, waitFor } from '../../test/support/offload/cloud-peer.ts';
import { MosquittoProcess } from '../../test/support/offload/mosquitto-process.ts';
import { plainMqtt, testOffloadSettings } from '../../test/support/offload/client-settings.ts';

let broker: MosquittoProcess;
let dir: string;
let store: KioskStore;

beforeAll(async () => {
  broker = await MosquittoProcess.start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-reconnect-'));
  store = openKioskStore(path.join(dir, 'k.db'), {
    maxJobAgeMs: 60_000,
    maxPayloadBytes: 1 << 20,
    transcriptDays: 30,
  });
});
afterAll(async () => {
  store.close();
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reconnect loop (private Mosquitto killed and restarted)', () => {
  it('goes offline, retries with growing jittered delays, comes back, re-subscribes and delivers what queued meanwhile', async () => {
    const bus = new EventBus();
    const connectivity: { online: boolean; queued: number }[] = [];
    bus.on('connectivity', (e) => connectivity.push({ online: e.online, queued: e.queued }));
    const jobEvents: PipelineEvent[] = [];
    bus.on('job', (e) => jobEvents.push(e));
    const client = new OffloadClient({
      store,
      deviceId: 'kiosk-reconnect',
      mqtt: plainMqtt(broker.url),
      offload: testOffloadSettings({ resendBaseMs: 200, resendMaxMs: 1000 }),
      bus,
      tickMs: 50,
      reconnect: { baseMs: 100, maxMs: 800 },
    });
    try {
      client.start();
      await waitFor('online', () => client.online());
      await broker.kill();
      await waitFor('offline', () => !client.online());
      expect(connectivity.at(-1)).toEqual({ online: false, queued: 0 });

      const jobId = client.enqueueAnswer('Are you open on holidays?');
      expect(connectivity.at(-1)).toEqual({ online: false, queued: 1 });
      await waitFor('several reconnect attempts', () => client.reconnectDelays().length >= 5, 10_000);
      const d = client.reconnectDelays();
      // Attempt n waits in [min(800, 100·2^(n-1))/2, min(800, 100·2^(n-1))].
      d.slice(0, 5).forEach((delay, i) => {
        const cap = Math.min(800, 100 * 2 ** i);
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThanOrEqual(cap);
      });
      expect(store.outbox.require(jobId).state).toBe('pending');

      await broker.restart(); // persistence false: the broker forgot the session and the subscription
      const peer = await CloudPeer.connect(broker.url, 'kiosk-reconnect');
      peer.respond = (req) =>
        req.jobId
          ? [{ status: 'result', jobId: req.jobId, kind: 'answer', text: 'Yes, 10 to 4.', model: 'm' }]
          : [];
      try {
        await waitFor('answer after reconnect', () => store.summaries.answer(jobId), 10_000);
      } finally {
        await peer.close();
      }
      expect(client.online()).toBe(true);
      expect(connectivity.some((c, i) => i > 0 && c.online && !connectivity[i - 1]!.online)).toBe(true);
      expect(jobEvents.map((e) => (e.type === 'job' ? e.state : null))).toEqual(
        expect.arrayContaining(['pending', 'done']),
      );
    } finally {
      await client.stop();
    }
  });
});
