import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.ts';
import { ENV_KEYS, envNameOf } from './env-keys.ts';
import { loadConfig } from './load.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/voice-kiosk.mjs');

function fileWith(name: string, body: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(body));
  return f;
}

/** The error loadConfig throws, or fails the test when it does not throw. */
function loadError(opts: Parameters<typeof loadConfig>[0]): EngineError {
  try {
    loadConfig(opts);
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    return err as EngineError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig: strict at every level', () => {
  it('works with no file and no environment', () => {
    const c = loadConfig({ env: {} });
    expect(c.device.id).toBe('kiosk-1');
    expect(c.reply.llm.backend).toBe('none');
    expect(c.mqtt.url).toBeNull();
    expect(Object.isFrozen(c.reply.llm)).toBe(true);
  });

  it.each([
    [{ reply: { llm: { urll: 'http://x' } } }, 'reply.llm.urll'],
    [{ mqtt: { ulr: 'mqtt://x' } }, 'mqtt.ulr'],
    [{ retention: { transcriptDay: 7 } }, 'retention.transcriptDay'],
    [{ mqt: {} }, 'mqt'],
  ])('a misspelt key in a file is an error naming its full path (%j)', (body, key) => {
    const e = loadError({ env: {}, file: fileWith('typo.json', body) });
    expect(e.code).toBe('bad-input');
    expect(e.message).toBe(`invalid config at ${key}: unknown key (file ${path.join(dir, 'typo.json')})`);
  });

  it('a wrong type names the key and what it should be', () => {
    const e = loadError({ env: {}, overrides: { api: { port: 70_000 } } });
    expect(e.message).toMatch(/^invalid config at api\.port: /);
  });
});

describe('loadConfig: the environment rule VOICE_KIOSK_<KEY PATH>', () => {
  it('maps key paths to variable names in SCREAMING_SNAKE_CASE', () => {
    // Written out here, not derived: the documented rule applied by hand.
    expect(envNameOf(['reply', 'llm', 'url'])).toBe('VOICE_KIOSK_REPLY_LLM_URL');
    expect(envNameOf(['paths', 'dataDir'])).toBe('VOICE_KIOSK_PATHS_DATA_DIR');
    expect(envNameOf(['offload', 'maxPayloadBytes'])).toBe('VOICE_KIOSK_OFFLOAD_MAX_PAYLOAD_BYTES');
    expect(envNameOf(['retention', 'transcriptDays'])).toBe('VOICE_KIOSK_RETENTION_TRANSCRIPT_DAYS');
  });

  it('reaches every key of the config', () => {
    const leaves: string[][] = [];
    const walk = (v: unknown, at: string[]) => {
      if (v && typeof v === 'object' && !Array.isArray(v))
        for (const [k, child] of Object.entries(v)) walk(child, [...at, k]);
      else leaves.push(at);
    };
    walk(loadConfig({ env: {} }), []);
    expect(leaves.length).toBeGreaterThan(40);
    for (const leaf of leaves) expect(ENV_KEYS.get(envNameOf(leaf))?.path).toEqual(leaf);
  });

  it('sets nested keys and reads each value as its key type', () => {
    const c = loadConfig({
      env: {
        VOICE_KIOSK_REPLY_LLM_URL: 'http://llm.local:8080',
        VOICE_KIOSK_REPLY_LLM_MAX_TOKENS: '64',
        VOICE_KIOSK_DEVICE_ID: '42',
        VOICE_KIOSK_SUMMARIZER_EMBEDDED: 'false',
        VOICE_KIOSK_AUDIO_MIC_ENABLED: '0',
        VOICE_KIOSK_MQTT_URL: 'mqtt://broker:1883',
        VOICE_KIOSK_MQTT_USERNAME: 'null',
        VOICE_KIOSK_WAKE_KEYWORDS: 'alexa, hey_jarvis',
        VOICE_KIOSK_VAD_THRESHOLD: '0.35',
        VOICE_KIOSK_STAFF_PIN_HASH: '',
      },
    });
    expect(c.reply.llm.url).toBe('http://llm.local:8080');
    expect(c.reply.llm.maxTokens).toBe(64);
    expect(c.device.id).toBe('42');
    expect(c.summarizer.embedded).toBe(false);
    expect(c.audio.micEnabled).toBe(false);
    expect(c.mqtt.url).toBe('mqtt://broker:1883');
    expect(c.mqtt.username).toBeNull();
    expect(c.wake.keywords).toEqual(['alexa', 'hey_jarvis']);
    expect(c.vad.threshold).toBe(0.35);
    expect(c.staff.pinHash).toBeNull();
  });

  it('layers defaults → file → environment → overrides', () => {
    const file = fileWith('layers.json', {
      api: { port: 1111 },
      retention: { transcriptDays: 9 },
      tts: { voice: 'en-gb' },
    });
    const c = loadConfig({
      file,
      env: { VOICE_KIOSK_API_PORT: '2222', VOICE_KIOSK_RETENTION_TRANSCRIPT_DAYS: '5' },
      overrides: { api: { port: 3333 } },
    });
    expect([c.api.port, c.retention.transcriptDays, c.tts.voice, c.api.host]).toEqual([
      3333,
      5,
      'en-gb',
      '127.0.0.1',
    ]);
  });

  it('a value that is not of the key type names the variable and the key', () => {
    const e = loadError({ env: { VOICE_KIOSK_RETENTION_TRANSCRIPT_DAYS: 'seven' } });
    expect(e.message).toBe(
      "invalid config at retention.transcriptDays (from VOICE_KIOSK_RETENTION_TRANSCRIPT_DAYS): expected a number, got 'seven'",
    );
    expect(loadError({ env: { VOICE_KIOSK_SUMMARIZER_EMBEDDED: 'maybe' } }).message).toMatch(
      /expected true or false/,
    );
  });

  it('a misspelt variable inside a section is an error; other VOICE_KIOSK_ variables are left alone', () => {
    const e = loadError({ env: { VOICE_KIOSK_REPLY_LLM_URLL: 'http://x' } });
    expect(e.message).toMatch(
      /^VOICE_KIOSK_REPLY_LLM_URLL is not a config key \(known in this section: .*VOICE_KIOSK_REPLY_LLM_URL\b/,
    );
    expect(() =>
      loadConfig({ env: { VOICE_KIOSK_LOG_LEVEL: 'debug', VOICE_KIOSK_FAULTS: '', VOICE_KIOSK_URL: 'x' } }),
    ).not.toThrow();
  });
});

describe('voice-kiosk with a bad config', () => {
  it('exits 1 with one line naming the full key path', async () => {
    const file = fileWith('cli-typo.json', { reply: { llm: { urll: 'http://x' } } });
    const r = await promisify(execFile)(process.execPath, [BIN, 'config'], {
      env: { ...process.env, VOICE_KIOSK_CONFIG: file },
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in r ? r.code : 0).toBe(1);
    expect(r.stderr.trim()).toBe(
      `voice-kiosk config: invalid config at reply.llm.urll: unknown key (file ${file})`,
    );
  }, 60_000);
});
