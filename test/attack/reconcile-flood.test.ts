// Attack (issue 15 §11): a reconcile message listing 10,000 job ids got 10,000 replies. Real: the
// `voice-kiosk summarizer` worker as its own process with a SQLite job store, a private Mosquitto (so
// no other suite's workers answer too), and an mqtt.js client sending what a kiosk would send.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_SCHEMA } from '../../engine/contracts/mqtt.ts';
import { MosquittoProcess } from '../support/offload/mosquitto-process.ts';
import { CliProcess, until } from '../support/attack/cli-process.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-reconcile-'));
const device = 'kiosk-flood';
let broker: MosquittoProcess;
let worker: CliProcess | null = null;
beforeAll(async () => {
  broker = await MosquittoProcess.start();
});
afterAll(async () => {
  worker?.killGroup();
  await worker?.exited;
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('attack: reconcile flood', () => {
  it('a reconcile with 10,000 ids gets no answers at all; one with 3 ids gets exactly 3', async () => {
    worker = CliProcess.spawn(
      [
        'summarizer',
        '--mqtt',
        broker.url,
        '--store',
        `sqlite:${path.join(dir, 'cloud.db')}`,
        '--devices',
        device,
      ],
      { cwd: dir },
    );
    await worker.waitFor(/"ready":true/, 60_000, 'stdout');
    const kiosk = await mqtt.connectAsync(broker.url, {
      protocolVersion: 5,
      reconnectPeriod: 0,
      clientId: device,
    });
    try {
      const replies: string[] = [];
      kiosk.on('message', (_t, _p, packet) =>
        replies.push(Buffer.from(packet.properties?.correlationData ?? []).toString()),
      );
      await kiosk.subscribeAsync(`kiosk/v1/${device}/res`, { qos: 1 });
      const reconcile = (jobIds: string[]) =>
        kiosk.publishAsync(
          `kiosk/v1/${device}/req`,
          JSON.stringify({ op: 'reconcile', deviceId: device, jobIds }),
          {
            qos: 1,
            properties: {
              responseTopic: `kiosk/v1/${device}/res`,
              userProperties: { schema: PROTOCOL_SCHEMA, attempt: '1' },
            },
          },
        );
      await reconcile(Array.from({ length: 10_000 }, () => randomUUID()));
      const small = [randomUUID(), randomUUID(), randomUUID()];
      await reconcile(small);
      await until('the 3 answers', () => small.every((id) => replies.includes(id)), 20_000);
      await new Promise((r) => setTimeout(r, 1000)); // anything still coming from the big one would arrive now
      expect(replies.sort()).toEqual([...small].sort());
      await worker.waitFor(/request rejected.*at most 256 job ids/, 5000);
      expect(worker.running).toBe(true);
    } finally {
      await kiosk.endAsync(true);
    }
  }, 120_000);
});
