import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../engine/app/config/load.ts';
import { BIN, LOCAL_MQTT, rawRequest, startAttackKiosk } from './support/attack-kiosk.ts';

// Attacks (issue 15 item 11): secrets on the command line and in /health and logs; a tampered model
// file that `models list` and `run` reported with exit 0. Real: the CLI processes, the machine's
// Mosquitto, and real model files with one byte changed.
const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-attack-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}, untilLine?: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, VOICE_KIOSK_PATHS_DATA_DIR: dir, VOICE_KIOSK_TTS_ENGINE: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (untilLine?.test(out)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string; cmdline: string }>((resolve) => {
    let cmdline = '';
    const peek = setInterval(() => {
      try {
        // A process on its way out (a zombie) reads as empty: keep the last real command line.
        const now = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (now.trim()) cmdline = now;
      } catch {
        // gone already
      }
    }, 50);
    // A build that accepts a refused flag would run forever: never leave it behind.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      clearInterval(peek);
      resolve({ code, out, err, cmdline });
    });
  });
  return done;
}

describe('attack: secrets on the command line', () => {
  it('the summarizer refuses --password and --api-key with a clear message and never echoes them', async () => {
    const pw = await cli(['summarizer', '--mqtt', LOCAL_MQTT, '--password', 'hunter2-pw']);
    expect(pw.code).toBe(1);
    expect(pw.err).toContain('--password is refused');
    expect(pw.err).toContain('--password-file');
    expect(pw.err).not.toContain('hunter2-pw');
    const key = await cli([
      'summarizer',
      '--mqtt',
      LOCAL_MQTT,
      '--backend',
      'openai',
      '--api-key',
      'sk-live-abc',
    ]);
    expect(key.code).toBe(1);
    expect(key.err).toContain('--api-key is refused');
    expect(key.err).not.toContain('sk-live-abc');
  });

  it('takes the broker password from --password-file or the environment, and it never shows in the process arguments', async () => {
    const file = path.join(dir, 'mqtt-password');
    writeFileSync(file, 'file-secret-77\n', { mode: 0o600 });
    const ready = /"ready":true/;
    const args = [
      'summarizer',
      '--mqtt',
      LOCAL_MQTT,
      '--username',
      'vk-attack',
      '--devices',
      `none-${process.pid}`,
      '--store',
      `sqlite:${path.join(dir, 's.db')}`,
    ];
    const viaFile = await cli([...args, '--password-file', file], {}, ready);
    expect(viaFile.out).toMatch(ready);
    expect(viaFile.cmdline).toContain('--password-file');
    expect(viaFile.cmdline).not.toContain('file-secret-77');
    const viaEnv = await cli(args, { VOICE_KIOSK_SUMMARIZER_PASSWORD: 'env-secret-88' }, ready);
    expect(viaEnv.out).toMatch(ready);
    expect(viaEnv.cmdline).not.toContain('env-secret-88');
    expect(viaFile.err + viaEnv.err).not.toMatch(/file-secret-77|env-secret-88/);
  }, 60_000);

  it('`voice-kiosk config` prints the broker URL with its credentials masked', async () => {
    const r = await cli(['config'], { VOICE_KIOSK_MQTT_URL: 'mqtt://vk-user:Cfg-Secret-9@127.0.0.1:1883' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('mqtt://***:***@127.0.0.1:1883');
    expect(r.out).not.toContain('Cfg-Secret-9');
  });

  it('the broker URL with credentials is never returned by /health or system-status, nor logged', async () => {
    const kdir = mkdtempSync(path.join(dir, 'kiosk-'));
    const k = await startAttackKiosk({ dir: kdir, mqtt: 'mqtt://vk-user:S3cret-Broker-Pw@127.0.0.1:1883' });
    try {
      let health = '';
      for (let i = 0; i < 50; i++) {
        health = (await rawRequest(k.port, '/health')).body;
        if ((JSON.parse(health) as { broker: { connected: boolean } }).broker.connected) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const h = JSON.parse(health) as { broker: { url: string; connected: boolean } };
      expect(h.broker.connected).toBe(true); // the credentials still work, they are only hidden
      expect(h.broker.url).toBe('mqtt://***:***@127.0.0.1:1883');
      const status = await rawRequest(k.port, '/api/system-status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(status.body).not.toContain('S3cret-Broker-Pw');
      expect(k.stderr()).not.toContain('S3cret-Broker-Pw');
    } finally {
      await k.stop();
    }
    expect(k.stderr()).not.toContain('S3cret-Broker-Pw');
  }, 120_000);
});

describe('attack: a tampered model file', () => {
  const models = path.join(dir, 'models');
  cpSync(path.join(APP_ROOT, 'models', 'openwakeword'), path.join(models, 'openwakeword'), {
    recursive: true,
  });
  cpSync(path.join(APP_ROOT, 'models', 'silero'), path.join(models, 'silero'), { recursive: true });
  const vad = path.join(models, 'silero', 'silero_vad.onnx');
  const bytes = readFileSync(vad);
  const at = bytes.length - 10;
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
  writeFileSync(vad, bytes);

  it('`models list` names it and exits non-zero', async () => {
    const r = await cli(['models', 'list', '--models-dir', models]);
    expect(r.out).toMatch(/silero.*CHECKSUM MISMATCH/);
    expect(r.code).toBe(1);
    expect(r.err).toContain('fail their sha256 check');
  });

  it('`run` refuses with exit non-zero instead of reporting a run without that stage', async () => {
    const wav = path.join(dir, 'silence.wav');
    const pcm = Buffer.alloc(16_000 * 2);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + pcm.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(16_000, 24);
    header.writeUInt32LE(32_000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(pcm.length, 40);
    writeFileSync(wav, Buffer.concat([header, pcm]));
    const r = await cli(['run', '--input', wav, '--json', '--db', path.join(dir, 'run.db')], {
      VOICE_KIOSK_PATHS_MODELS_DIR: models,
    });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/voice-kiosk run: a model failed its checksum.*silero_vad\.onnx/);
  }, 120_000);
});
