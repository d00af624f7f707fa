// Attack (issue 15 §10): two relays on one DB and device id fought over one MQTT session (57 reconnects
// in 20 s, logged only as "connection closed"). Real: two `voice-kiosk engine` processes (each its own
// process group) on one SQLite file, the system Mosquitto on 127.0.0.1:1883, and kill -9 of the first.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/attack/cli-process.ts';

const BROKER = 'mqtt://127.0.0.1:1883';
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-relays-'));
const db = path.join(dir, 'kiosk.db');
const device = `atk-relay-${randomUUID().slice(0, 8)}`;
const started: CliProcess[] = [];
const relay = () => {
  const p = CliProcess.spawn(['engine', '--mqtt', BROKER, '--db', db, '--device', device], { cwd: dir });
  started.push(p);
  return p;
};
afterAll(async () => {
  for (const p of started) {
    p.killGroup();
    await p.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('attack: a second relay on the same store', () => {
  it('refuses to start with a message naming the first; after the first is killed -9 a new one starts', async () => {
    const first = relay();
    await first.waitFor(/"msg":"online"/);
    const second = relay();
    const exit = await Promise.race([
      second.exited,
      new Promise<'still running'>((r) => setTimeout(() => r('still running'), 20_000)),
    ]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(second.stderr.trim()).toMatch(
      new RegExp(
        `^voice-kiosk engine: cannot start voice-kiosk engine for device ${device}: voice-kiosk engine for device ${device} \\(pid ${first.pid}, since [^)]+\\) already holds .*kiosk\\.db\\.relay\\.lock; stop it first$`,
      ),
    );
    // The first relay kept its session: no reconnect churn.
    expect(first.running).toBe(true);
    expect(first.stderr.match(/"msg":"online"/g)).toHaveLength(1);

    first.killGroup('SIGKILL');
    await first.exited;
    const third = relay();
    await third.waitFor(/"msg":"online"/);
    expect(third.running).toBe(true);
  }, 120_000);
});
