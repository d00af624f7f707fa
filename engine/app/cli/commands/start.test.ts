import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../config/load.ts';

// Real: the `voice-kiosk start` process as `npm start` runs it (all stages, embedded broker,
// summarizer, API server) spoken to over HTTP; only Electron is off (--no-electron).
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'voice-kiosk.mjs'), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      VOICE_KIOSK_PATHS_DATA_DIR: dir,
      VOICE_KIOSK_DEVICE_ID: `start-test-${process.pid}`,
      VOICE_KIOSK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const portOpen = (url: string) =>
  new Promise<boolean>((resolve) => {
    const u = new URL(url);
    const s = net.connect(Number(u.port), u.hostname);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('voice-kiosk start', () => {
  it('prints one URL line, serves the API with every stage, and shuts down cleanly on SIGTERM', async () => {
    const child = cli(['start', '--no-electron', '--port', '0', '--db', path.join(dir, 'k.db')]);
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL line; stderr: ${err.slice(-2000)}`)), 90_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    const call = async (name: string, body: unknown) => {
      const res = await fetch(`${url}api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url.slice(0, -1) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; value: Record<string, unknown> };
    };
    const status = await call('system-status', {});
    expect(status.ok).toBe(true);
    const stages = (status.value.stages as { stage: string; ready: boolean }[])
      .filter((s) => s.ready)
      .map((s) => s.stage);
    for (const s of ['wake', 'vad', 'asr', 'reply', 'tts', 'offload']) expect(stages).toContain(s);
    expect(status.value.micAvailable).toBe(false); // no sound card here, and no crash either
    const ask = await call('conversation-ask', { text: 'where are the toilets' });
    expect(ask).toMatchObject({ ok: true, value: { route: 'fast' } });
    const health = (await (await fetch(`${url}health`)).json()) as {
      broker: { url: string; connected: boolean };
    };
    expect(health.broker.connected).toBe(true);
    expect(await portOpen(health.broker.url.replace('mqtt:', 'http:'))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(await portOpen(url)).toBe(false);
    expect(await portOpen(health.broker.url.replace('mqtt:', 'http:'))).toBe(false); // embedded broker stopped too
  }, 150_000);

  it('a bad flag is a one-line error and exit 1', async () => {
    const child = cli(['start', '--port', 'eighty']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err.trim()).toBe("voice-kiosk start: --port must be 0–65535, got 'eighty'");
  });
});
