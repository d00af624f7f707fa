import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, rawRequest, startAttackKiosk, type AttackKiosk } from './support/attack-kiosk.ts';

// Attack (issue 15 item 1): a page on rebind.attacker.example re-resolves its own name to 127.0.0.1
// and calls the kiosk from the browser. Before the fix the API answered any Host, so staff-login
// returned a token. Real: `voice-kiosk start`, raw HTTP with forged headers, and Debian's Chromium
// with the attacker's name mapped onto loopback (what a rebinding DNS server achieves).
let kiosk: AttackKiosk;
let dir: string;
const EVIL = 'rebind.attacker.example';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-dns-'));
  kiosk = await startAttackKiosk({ dir, env: { VOICE_KIOSK_API_ALLOWED_HOSTS: '["kiosk.shop.lan"]' } });
});
afterAll(async () => {
  await kiosk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A WebSocket upgrade with chosen Host/Origin; returns the status line the server answered with. */
function upgrade(port: number, host: string, origin?: string): Promise<string> {
  return rawLine(
    port,
    `GET /events HTTP/1.1\r\nHost: ${host}\r\n${origin ? `Origin: ${origin}\r\n` : ''}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
}

/** Sends bytes exactly as given and returns the first line of the answer. */
function rawLine(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) {
        resolve(got.split('\r\n')[0]!);
        s.destroy();
      }
    });
    s.on('error', reject);
    s.setTimeout(5000, () => reject(new Error('no answer to the upgrade')));
  });
}

describe('attack: DNS rebinding', () => {
  it('refuses staff-login, /health and the UI for a foreign Host with 421 and a clear error, before anything runs', async () => {
    const evilHost = `${EVIL}:${kiosk.port}`;
    const login = await apiCall(
      kiosk.port,
      'staff-login',
      { pin: '1234' },
      { host: evilHost, origin: `http://${evilHost}` },
    );
    expect(login.status).toBe(421);
    expect(login.json.ok).toBe(false);
    expect(login.json.value).toBeUndefined();
    expect(login.json.error?.message).toContain(`Host '${evilHost}' is not served here`);
    expect((await rawRequest(kiosk.port, '/health', { headers: { host: evilHost } })).status).toBe(421);
    expect((await rawRequest(kiosk.port, '/', { headers: { host: evilHost } })).status).toBe(421);
    expect(
      (await rawRequest(kiosk.port, '/metrics', { headers: { host: `127.0.0.1:${kiosk.port + 1}` } })).status,
    ).toBe(421);
    expect(await rawLine(kiosk.port, 'GET /health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 421/); // no Host at all
  });

  it('refuses a WebSocket upgrade for a foreign Host (421) or a foreign Origin (403)', async () => {
    expect(await upgrade(kiosk.port, `${EVIL}:${kiosk.port}`, `http://${EVIL}:${kiosk.port}`)).toMatch(
      /^HTTP\/1\.1 421/,
    );
    expect(await upgrade(kiosk.port, `127.0.0.1:${kiosk.port}`, `http://${EVIL}:${kiosk.port}`)).toMatch(
      /^HTTP\/1\.1 403/,
    );
    expect(await upgrade(kiosk.port, `127.0.0.1:${kiosk.port}`, `http://127.0.0.1:${kiosk.port}`)).toMatch(
      /^HTTP\/1\.1 101/,
    );
  });

  it('refuses a loopback Host with a foreign Origin (403) and serves loopback and configured names', async () => {
    const crossOrigin = await apiCall(
      kiosk.port,
      'system-status',
      {},
      { origin: `http://${EVIL}:${kiosk.port}` },
    );
    expect(crossOrigin.status).toBe(403);
    for (const host of [
      `127.0.0.1:${kiosk.port}`,
      `localhost:${kiosk.port}`,
      `[::1]:${kiosk.port}`,
      `kiosk.shop.lan:${kiosk.port}`,
    ]) {
      const r = await apiCall(kiosk.port, 'system-status', {}, { host, origin: `http://${host}` });
      expect(r.status, host).toBe(200);
    }
  });

  it('a malformed %-escape in an API path is a 400 with a clear error, not a 500', async () => {
    const r = await rawRequest(kiosk.port, '/api/staff-login%E0%A4%A', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringContaining('malformed %-escape') },
    });
    expect((await rawRequest(kiosk.port, '/health')).status).toBeLessThan(500); // and the process still serves
  });

  it("in real Chromium, a page served under the attacker's name that resolves to 127.0.0.1 gets no UI and no token", async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'vk-chromium-rebind-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        `--host-resolver-rules=MAP ${EVIL} 127.0.0.1`,
        '--disable-background-networking',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const res = await page.goto(`http://${EVIL}:${kiosk.port}/`);
      expect(res?.status()).toBe(421);
      // The page (now "same-origin" with the kiosk in the browser's eyes) tries what the attacker's script would.
      const outcome = await page.evaluate(async () => {
        const r = await fetch('/api/staff-login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ pin: '1234' }),
        });
        return { status: r.status, body: await r.text() };
      });
      expect(outcome.status).toBe(421);
      expect(outcome.body).not.toContain('token');
      // The kiosk's own screen, under its loopback name, is still served.
      const own = await page.goto(`http://127.0.0.1:${kiosk.port}/`);
      expect(own?.status()).toBeLessThan(400);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
