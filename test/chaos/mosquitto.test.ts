import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MosquittoBroker } from './mosquitto.ts';

/**
 * Real: a Mosquitto process (our own, on a free port, default autosave) and mqtt.js clients.
 * These tests pin down the broker behaviour the chaos suite relies on, so a change in Mosquitto's
 * defaults shows up here rather than as a mysteriously easy chaos run.
 */
const run = Math.random().toString(36).slice(2, 8);

async function client(
  url: string,
  clientId: string,
  sessionExpiryInterval: number,
): Promise<{ c: MqttClient; sessionPresent: boolean; got: string[] }> {
  const got: string[] = [];
  const c = mqtt.connect(url, {
    clientId,
    protocolVersion: 5,
    clean: false,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval },
  });
  // Listen before CONNACK: a resumed session's queued messages arrive right after it.
  c.on('message', (_t, p) => got.push(p.toString()));
  const sessionPresent = await new Promise<boolean>((resolve, reject) => {
    c.once('connect', (ack) => resolve(ack.sessionPresent));
    c.once('error', reject);
  });
  return { c, sessionPresent, got };
}

async function collect(r: { got: string[] }, ms: number): Promise<string[]> {
  await new Promise((done) => setTimeout(done, ms));
  return r.got;
}

async function publishQos1(url: string, topic: string, body: string): Promise<void> {
  const p = await mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0 });
  await p.publishAsync(topic, body, { qos: 1 });
  await p.endAsync();
}

describe('MosquittoBroker (own process, default autosave)', () => {
  const broker = new MosquittoBroker();
  beforeAll(() => broker.start());
  afterAll(() => broker.dispose());

  it('kill -9 loses a message it already PUBACKed; a clean stop keeps it', async () => {
    const topic = `chaos-test/${run}/autosave`;
    const id = `sub-${run}-a`;
    let { c } = await client(broker.url, id, 3600);
    await c.subscribeAsync(topic, { qos: 1 });
    await c.endAsync();
    await publishQos1(broker.url, topic, 'first'); // PUBACKed by the broker, queued for the offline session

    await broker.kill9();
    await broker.start();
    let r = await client(broker.url, id, 3600);
    expect(r.sessionPresent).toBe(false); // session and queued message were only in memory
    expect(await collect(r, 300)).toEqual([]);

    await r.c.subscribeAsync(topic, { qos: 1 });
    await r.c.endAsync();
    await publishQos1(broker.url, topic, 'second');
    await broker.stop(); // SIGTERM: mosquitto saves its database on exit
    await broker.start();
    r = await client(broker.url, id, 3600);
    expect(r.sessionPresent).toBe(true);
    expect(await collect(r, 300)).toEqual(['second']);
    c = r.c;
    await c.endAsync();
  });

  it('expires an offline session after its sessionExpiryInterval, dropping queued messages', async () => {
    const topic = `chaos-test/${run}/expiry`;
    const id = `sub-${run}-b`;
    const { c } = await client(broker.url, id, 1);
    await c.subscribeAsync(topic, { qos: 1 });
    await c.endAsync();
    await new Promise((r) => setTimeout(r, 2500));
    await publishQos1(broker.url, topic, 'too-late');
    const r = await client(broker.url, id, 1);
    expect(r.sessionPresent).toBe(false);
    expect(await collect(r, 300)).toEqual([]);
    await r.c.endAsync();
  });
});
