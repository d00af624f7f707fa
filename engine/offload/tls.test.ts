// Real: openssl-made CA, broker and client certificates; a private Mosquitto with a TLS listener that
// requires client certificates (use_identity_as_username) and the docs ACL; the real OffloadClient over
// mqtts://. Test peer: a plain mqtt.js worker over the same TLS listener, answering one job.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../paths/app-root.ts';
import { openKioskStore } from '../store/kiosk-store.ts';
import { encodeResponse } from '../protocol/job-codec.ts';
import { OffloadClient } from './offload-client.ts';
import { waitFor } from '../../test/support/offload/cloud-peer.ts';
import { freePort, MosquittoProcess } from '../../test/support/offload/mosquitto-process.ts';
import { testOffloadSettings } from '../../test/support/offload/client-settings.ts';

let dir: string;
let broker: MosquittoProcess;
let tlsUrl: string;
const f = (name: string) => path.join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

/** A certificate with CN = `cn` signed by the test CA. */
function issue(name: string, cn: string, ext: string[] = []): void {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f(`${name}.key`),
    '-out',
    f(`${name}.csr`),
    '-subj',
    `/CN=${cn}`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    f(`${name}.csr`),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f(`${name}.crt`),
    '-days',
    '2',
    ...ext,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-tls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=voice-kiosk test CA',
  );
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ${f('san.ext')}`]);
  issue('broker', 'localhost', ['-extfile', f('san.ext')]);
  issue('kiosk', 'kiosk-tls');
  issue('worker', 'summarizer-1');
  // The MosquittoProcess listener is plain; this TLS listener is the one under test.
  const tlsPort = await freePort();
  broker = await MosquittoProcess.start([
    'allow_anonymous false',
    `acl_file ${path.join(APP_ROOT, 'docs', 'mosquitto', 'acl')}`,
    `listener ${tlsPort} 127.0.0.1`,
    `cafile ${f('ca.crt')}`,
    `certfile ${f('broker.crt')}`,
    `keyfile ${f('broker.key')}`,
    'require_certificate true',
    'use_identity_as_username true',
  ]);
  tlsUrl = `mqtts://127.0.0.1:${tlsPort}`;
}, 60_000);

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('mqtts with client certificates', () => {
  it('the OffloadClient connects over TLS with its certificate and completes a job; no certificate → refused', async () => {
    const url = tlsUrl;
    const worker = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      clientId: 'summarizer-1',
      reconnectPeriod: 0,
      ca: readFileSync(f('ca.crt')),
      cert: readFileSync(f('worker.crt')),
      key: readFileSync(f('worker.key')),
    });
    await worker.subscribeAsync('$share/summarizers/kiosk/v1/+/req', { qos: 1 });
    worker.on('message', (_t, _p, packet) => {
      const jobId = Buffer.from(packet.properties!.correlationData!).toString();
      const enc = encodeResponse(
        'kiosk-tls',
        { status: 'result', jobId, kind: 'answer', text: 'Over TLS.', model: 'm' },
        { maxPayloadBytes: 1 << 20 },
      );
      if (enc.ok)
        worker.publishAsync(enc.value.topic, enc.value.payload, enc.value.options).catch(() => undefined);
    });
    const store = openKioskStore(f('k.db'), {
      maxJobAgeMs: 60_000,
      maxPayloadBytes: 1 << 20,
      transcriptDays: 30,
    });
    const client = new OffloadClient({
      store,
      deviceId: 'kiosk-tls',
      mqtt: {
        url,
        username: null,
        password: null,
        caFile: f('ca.crt'),
        certFile: f('kiosk.crt'),
        keyFile: f('kiosk.key'),
      },
      offload: testOffloadSettings(),
      tickMs: 50,
    });
    try {
      client.start();
      const jobId = client.enqueueAnswer('Is the connection private?');
      await waitFor('answer over TLS', () => store.summaries.answer(jobId), 15_000);
      expect(store.summaries.answer(jobId)?.text).toBe('Over TLS.');
      await expect(
        mqtt.connectAsync(url, {
          protocolVersion: 5,
          reconnectPeriod: 0,
          ca: readFileSync(f('ca.crt')),
          connectTimeout: 3000,
        }),
      ).rejects.toThrow();
    } finally {
      await client.stop();
      await worker.endAsync(true);
      store.close();
    }
  });
});
