import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { MqttLogin } from './broker-credentials.ts';
import { startEmbeddedBroker } from './embedded-broker.ts';

// Real: mosquitto (Debian) and aedes (npm) brokers, and the mqtt.js client talking to them.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-broker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(url: string, protocolVersion: 4 | 5, login?: MqttLogin): Promise<string> {
  const c = await mqtt.connectAsync(url, {
    protocolVersion,
    reconnectPeriod: 0,
    clientId: `vk-broker-test-${protocolVersion}-${process.pid}`,
    ...(login ?? {}),
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
  it('mosquitto on a free loopback port speaks MQTT v5, to its per-start accounts only', async () => {
    const b = await startEmbeddedBroker({ dataDir: dir, deviceId: 'kiosk-t' });
    try {
      expect(b.kind).toBe('mosquitto');
      expect(b.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      const { device, summarizer } = b.logins!;
      expect(device.username).not.toBe(summarizer.username);
      expect(device.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // The summarizer account answers on the kiosk's result topic; the kiosk account reads it.
      const kiosk = await mqtt.connectAsync(b.url, { protocolVersion: 5, reconnectPeriod: 0, ...device });
      const worker = await mqtt.connectAsync(b.url, { protocolVersion: 5, reconnectPeriod: 0, ...summarizer });
      try {
        await kiosk.subscribeAsync('kiosk/v1/kiosk-t/res', { qos: 1 });
        const got = new Promise<string>((r) => kiosk.once('message', (_t, m) => r(m.toString())));
        await worker.publishAsync('kiosk/v1/kiosk-t/res', 'result', { qos: 1 });
        expect(await got).toBe('result');
        // The kiosk account cannot answer jobs itself (ACL).
        await expect(kiosk.publishAsync('kiosk/v1/kiosk-t/res', 'forged', { qos: 1 })).rejects.toThrow(/Not authorized/);
      } finally {
        await kiosk.endAsync();
        await worker.endAsync();
      }
      await expect(roundTrip(b.url, 5)).rejects.toThrow(/Not authorized/);
      await expect(roundTrip(b.url, 5, { username: device.username, password: 'guess' })).rejects.toThrow(/Bad User Name or Password|Not authorized/);
      // Files that hold the hashes are private to the kiosk's user.
      expect(statSync(path.join(dir, 'mosquitto', 'passwd')).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, 'mosquitto', 'passwd'), 'utf8')).not.toContain(device.password);
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
