// Real: OffloadClient, SQLite (KioskStore), a private Mosquitto (free port). Test peer: CloudPeer, a
// scripted MQTT v5 client answering on the kiosk's response topic as the cloud would.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../contracts/events.ts';
import { createLogger } from '../log/logger.ts';
import { openKioskStore } from '../store/kiosk-store.ts';
import { CloudPeer, waitFor } from '../../test/support/offload/cloud-peer.ts';
import { plainMqtt, testOffloadSettings } from '../../test/support/offload/client-settings.ts';
import { MosquittoProcess } from '../../test/support/offload/mosquitto-process.ts';
import { OffloadClient } from './offload-client.ts';

let broker: MosquittoProcess;
beforeAll(async () => {
  broker = await MosquittoProcess.start();
});
afterAll(async () => {
  await broker?.stop();
});

describe('fuller answers reach their interaction', () => {
  it('the cloud answer is announced for the interaction it was queued for and stored with it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-fuller-'));
    const store = openKioskStore(path.join(dir, 'k.db'), { maxJobAgeMs: 60_000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
    const deviceId = `f-${randomUUID().slice(0, 12)}`;
    const events: PipelineEvent[] = [];
    const bus = { publish: (e: PipelineEvent) => void events.push(e), now: () => 0 };
    const peer = await CloudPeer.connect(broker.url, deviceId);
    peer.respond = (req) =>
      req.jobId
        ? [{ status: 'result', jobId: req.jobId, kind: 'answer', text: `Fuller: ${String((req.request as { payload?: { question?: string } }).payload?.question)}`, model: 'peer' }]
        : [];
    const client = new OffloadClient({
      store,
      deviceId,
      mqtt: plainMqtt(broker.url),
      offload: testOffloadSettings(),
      bus,
      tickMs: 50,
      logger: createLogger('offload', {}, () => undefined),
    });
    try {
      // Stored first, answered later (the usual order) …
      store.conversations.recordInteraction({
        correlationId: 'c-1',
        text: 'compare your coffee machines',
        reply: { text: 'We stock three.', route: 'offload', reason: 'heavy', sources: [] },
      });
      const job1 = client.enqueueAnswer('compare your coffee machines', 'ctx', 'c-1');
      client.start();
      await waitFor('fuller answer 1', () => store.summaries.answer(job1));
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'fuller-answer', correlationId: 'c-1', jobId: job1, text: 'Fuller: compare your coffee machines' }),
      );
      expect(store.conversations.byCorrelation('c-1')[0]).toMatchObject({
        reply: 'We stock three.',
        fullerReply: 'Fuller: compare your coffee machines',
      });
      // … and answered before the interaction is stored (a fast cloud): still stored with it.
      const job2 = client.enqueueAnswer('which tent for four people', 'ctx', 'c-2');
      await waitFor('fuller answer 2', () => store.summaries.answer(job2));
      store.conversations.recordInteraction({ correlationId: 'c-2', text: 'which tent for four people' });
      expect(store.conversations.byCorrelation('c-2')[0]?.fullerReply).toBe('Fuller: which tent for four people');
      // A job queued without an interaction (e.g. an old row) is stored, with no event to show.
      const job3 = client.enqueueAnswer('no interaction here', 'ctx');
      await waitFor('fuller answer 3', () => store.summaries.answer(job3));
      expect(events.filter((e) => e.type === 'fuller-answer')).toHaveLength(2);
    } finally {
      await client.stop();
      await peer.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
