// Real: a private Mosquitto started with the auth settings of docs/mosquitto/mosquitto.conf (its file-ACL variant) and the ACL
// docs/mosquitto/acl, passwords made with mosquitto_passwd, mqtt.js v5 clients, and the real
// OffloadClient logging in as a device. Test peer: plain mqtt.js clients playing a summarizer worker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../paths/app-root.ts';
import { openKioskStore } from '../store/kiosk-store.ts';
import { encodeResponse } from '../protocol/job-codec.ts';
import { OffloadClient } from './offload-client.ts';
import { waitFor } from '../../test/support/offload/cloud-peer.ts';
import { MosquittoProcess } from '../../test/support/offload/mosquitto-process.ts';
import { plainMqtt, testOffloadSettings } from '../../test/support/offload/client-settings.ts';

const DOCS = path.join(APP_ROOT, 'docs', 'mosquitto');
const PASSWORDS: Record<string, string> = { 'kiosk-a': 'pw-a', 'kiosk-b': 'pw-b', 'summarizer-1': 'pw-s' };
/** Settings the test replaces: listeners, TLS files, persistence and the file paths. */
const REPLACED =
  /^(listener|protocol|cafile|certfile|keyfile|tls_version|require_certificate|use_identity_as_username|persistence|persistence_location|autosave_interval|password_file|acl_file|plugin|plugin_opt_config_file)\b/;

let broker: MosquittoProcess;
let dir: string;
const clients: MqttClient[] = [];

async function login(user: string, password = PASSWORDS[user]!): Promise<MqttClient> {
  const c = await mqtt.connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: user,
    username: user,
    password,
    reconnectPeriod: 0,
    clean: true,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-acl-'));
  const passwd = path.join(dir, 'passwd');
  for (const [i, [user, pw]] of Object.entries(PASSWORDS).entries()) {
    execFileSync('mosquitto_passwd', [...(i === 0 ? ['-c'] : []), '-b', passwd, user, pw], {
      stdio: 'ignore',
    });
  }
  const docSettings = readFileSync(path.join(DOCS, 'mosquitto.conf'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !REPLACED.test(l));
  expect(docSettings).toEqual(
    expect.arrayContaining(['allow_anonymous false', 'use_username_as_clientid true']),
  );
  broker = await MosquittoProcess.start([
    ...docSettings,
    `password_file ${passwd}`,
    `acl_file ${path.join(DOCS, 'acl')}`,
  ]);
});

afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => {});
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/mosquitto ACL on a real Mosquitto', () => {
  it('device A cannot read device B results nor publish B requests; B and the worker can', async () => {
    const a = await login('kiosk-a');
    const b = await login('kiosk-b');
    const worker = await login('summarizer-1');
    const gotA: string[] = [];
    const gotB: string[] = [];
    const gotWorker: string[] = [];
    a.on('message', (t) => gotA.push(t));
    b.on('message', (t) => gotB.push(t));
    worker.on('message', (t) => gotWorker.push(t));
    await a.subscribeAsync(['kiosk/v1/kiosk-b/res', 'kiosk/v1/+/res', 'kiosk/#'], { qos: 1 });
    await b.subscribeAsync('kiosk/v1/kiosk-b/res', { qos: 1 });
    await worker.subscribeAsync('$share/summarizers/kiosk/v1/+/req', { qos: 1 });

    await worker.publishAsync('kiosk/v1/kiosk-b/res', 'for B', { qos: 1 });
    await waitFor('B receives its result', () => gotB.length === 1);
    await expect(a.publishAsync('kiosk/v1/kiosk-b/req', 'forged', { qos: 1 })).rejects.toThrow(
      /Not authorized/,
    );
    await a.publishAsync('kiosk/v1/kiosk-a/req', 'mine', { qos: 1 });
    await waitFor('worker receives A request', () => gotWorker.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(gotA).toEqual([]);
    expect(gotWorker).toEqual(['kiosk/v1/kiosk-a/req']);
    // A device cannot answer jobs either (no forged results for others).
    await expect(a.publishAsync('kiosk/v1/kiosk-b/res', 'forged', { qos: 1 })).rejects.toThrow(
      /Not authorized/,
    );
  });

  it('refuses a wrong password', async () => {
    await expect(login('kiosk-a', 'wrong')).rejects.toThrow(/Bad User Name or Password|Not authorized/);
  });

  it('the OffloadClient logs in with username/password and completes a job under the ACL', async () => {
    const worker = await login('summarizer-1');
    await worker.subscribeAsync('$share/summarizers/kiosk/v1/+/req', { qos: 1 });
    worker.on('message', (_t, _p, packet) => {
      const jobId = Buffer.from(packet.properties!.correlationData!).toString();
      const enc = encodeResponse(
        'kiosk-a',
        { status: 'result', jobId, kind: 'answer', text: 'Behind the shop.', model: 'm' },
        { maxPayloadBytes: 1 << 20 },
      );
      if (enc.ok)
        worker.publishAsync(enc.value.topic, enc.value.payload, enc.value.options).catch(() => undefined);
    });
    const store = openKioskStore(path.join(dir, 'k.db'), {
      maxJobAgeMs: 60_000,
      maxPayloadBytes: 1 << 20,
      transcriptDays: 30,
    });
    const client = new OffloadClient({
      store,
      deviceId: 'kiosk-a',
      mqtt: plainMqtt(broker.url, { username: 'kiosk-a', password: 'pw-a' }),
      offload: testOffloadSettings(),
      tickMs: 50,
    });
    try {
      client.start();
      const jobId = client.enqueueAnswer('Where can I park?');
      await waitFor('answer stored', () => store.summaries.answer(jobId));
      expect(store.summaries.answer(jobId)?.text).toBe('Behind the shop.');
    } finally {
      await client.stop();
      store.close();
    }
  });
});
