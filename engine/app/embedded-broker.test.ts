import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from './embedded-broker.ts';

// Real: mosquitto (Debian) and aedes (npm) brokers, and the mqtt.js client talking to them.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-broker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(url: string, protocolVersion: 4 | 5): Promise<string> {
  const c = await mqtt.connectAsync(url, {
    protocolVersion,
    reconnectPeriod: 0,
    clientId: `vk-broker-test-${protocolVersion}-${process.pid}`,
  });
  try {
    const topic = `vk-test/${process.pid}/${protocolVersion}`;
    await c.subscribeAsync(topic, { qos: 1 });
    const got = new Promise<string>((r) => c.once('message', (_t, m) => r(m.toString())));
    await c.publishAsync(topic, 'ping', { qos: 1 });
    return await got;
  } finally {
    await c.endAsync();
  }
}

describe('embedded broker', () => {
  // mosquitto is a Debian package `npm test` installs (bin/setup-system.sh): never skipped.
  it('mosquitto on a free loopback port speaks MQTT v5', async () => {
    const b = await startEmbeddedBroker({ dataDir: dir });
    try {
      expect(b.kind).toBe('mosquitto');
      expect(b.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      expect(await roundTrip(b.url, 5)).toBe('ping');
    } finally {
      await b.close();
    }
    expect(b.info().ready).toBe(false);
  });

  it('aedes fallback serves MQTT 3.1.1 and says it cannot do v5', async () => {
    const b = await startEmbeddedBroker({ dataDir: dir, prefer: 'aedes' });
    try {
      expect(b.kind).toBe('aedes');
      expect(await roundTrip(b.url, 4)).toBe('ping');
      expect(b.info().note).toMatch(/3\.1\.1/);
    } finally {
      await b.close();
    }
  });
});
