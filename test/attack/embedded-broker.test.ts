// Attacks (issue 15 §4, §5): kill -9 of `voice-kiosk start` left its embedded Mosquitto running (PPID 1,
// port open) and each restart added another on the same persistence dir; and that broker allowed
// anonymous clients, so anyone local could forge results. Real: `voice-kiosk start` as its own process
// group (all stages, embedded broker + summarizer), the installed Mosquitto, mqtt.js as the attacker,
// kill -9 of the node process alone (what the OOM killer does) and of the whole group.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForPort } from '../../engine/app/loopback-port.ts';
import { CliProcess, processesMatching, until } from '../support/attack/cli-process.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-embedded-'));
const conf = path.join(dir, 'mosquitto', 'mosquitto.conf');
const started: CliProcess[] = [];
afterAll(async () => {
  for (const p of started) {
    p.killGroup();
    await p.exited;
  }
  for (const pid of brokers()) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startKiosk(): Promise<{ kiosk: CliProcess; ui: string; brokerPort: number }> {
  const kiosk = CliProcess.spawn(
    ['start', '--no-electron', '--no-mic', '--port', '0', '--db', path.join(dir, 'k.db')],
    {
      cwd: dir,
      env: {
        VOICE_KIOSK_PATHS_DATA_DIR: dir,
        VOICE_KIOSK_DEVICE_ID: 'kiosk-attack',
        VOICE_KIOSK_LOG_LEVEL: 'warn',
      },
    },
  );
  started.push(kiosk);
  const ui = (
    await kiosk.waitFor(/^voice-kiosk: UI at (http:\/\/127\.0\.0\.1:\d+\/)$/m, 150_000, 'stdout')
  )[1]!;
  const brokerPort = Number(/^listener (\d+) 127\.0\.0\.1$/m.exec(readFileSync(conf, 'utf8'))?.[1]);
  return { kiosk, ui, brokerPort };
}

/** Mosquitto processes (not the sh watchdog around one) running this data dir's config. */
const brokers = () =>
  processesMatching('mosquitto', '-c', conf).filter((pid) => {
    try {
      return path.basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!) === 'mosquitto';
    } catch {
      return false;
    }
  });

describe('attack: the embedded broker', () => {
  it('refuses anonymous and wrong-password clients, so no result can be forged', async () => {
    const { kiosk, brokerPort } = await startKiosk();
    const url = `mqtt://127.0.0.1:${brokerPort}`;
    const forge = async (login: { username?: string; password?: string }) => {
      const c = await mqtt.connectAsync(url, {
        protocolVersion: 5,
        reconnectPeriod: 0,
        connectTimeout: 5000,
        ...login,
      });
      await c.publishAsync('kiosk/v1/kiosk-attack/res', '{"status":"result"}', { qos: 1 });
      await c.endAsync();
    };
    await expect(forge({})).rejects.toThrow(/Not authorized/);
    await expect(forge({ username: 'kiosk-attack', password: '1234' })).rejects.toThrow(
      /Bad User Name or Password|Not authorized/,
    );
    // The kiosk's own client and summarizer did log in (with the per-start accounts).
    const health = (await (
      await fetch(new URL('/health', (await kiosk.waitFor(/UI at (\S+)/))[1]!))
    ).json()) as { broker: { connected: boolean } };
    expect(health.broker.connected).toBe(true);
    expect(kiosk.stderr).not.toMatch(/password/i);
  }, 240_000);

  it('kill -9 of the kiosk takes its broker down; a restart stops a stray one and runs exactly one', async () => {
    const first = started[0]!;
    expect(brokers()).toHaveLength(1);
    const oldPort = Number(/^listener (\d+) /m.exec(readFileSync(conf, 'utf8'))?.[1]);
    process.kill(first.pid, 'SIGKILL'); // the node process only: its children are not signalled
    await first.exited;
    await until('no broker outlives the kiosk', () => brokers().length === 0, 10_000);

    // An orphan as an older, watchdog-less version would have left it (same config, same dir).
    const stray = spawn('mosquitto', ['-c', conf], { stdio: 'ignore', detached: true });
    stray.unref();
    await waitForPort(oldPort, 10_000);
    expect(brokers()).toEqual([stray.pid]);

    const { kiosk, ui } = await startKiosk();
    expect(brokers()).toHaveLength(1);
    expect(brokers()).not.toContain(stray.pid);
    const health = (await (await fetch(new URL('/health', ui))).json()) as { broker: { connected: boolean } };
    expect(health.broker.connected).toBe(true);

    kiosk.killGroup('SIGKILL');
    await kiosk.exited;
    await until('no broker after the group is killed', () => brokers().length === 0, 10_000);
  }, 300_000);
});
