import { z } from 'zod';
import { DEVICE_ID_PATTERN } from './limits.ts';

/**
 * One typed configuration for the whole kiosk. Every field has a default that works on a fresh
 * machine with no file and no environment (the `npm start` promise). Each stage owns its section.
 * Every level is strict, so a misspelt key anywhere is an error naming its full path, never dropped.
 */
const deviceSection = z
  .strictObject({
    /** Names this kiosk on the MQTT job protocol (clientId and topic segment). */
    id: z.string().regex(DEVICE_ID_PATTERN, 'device id: 1-64 of [A-Za-z0-9_-]').default('kiosk-1'),
    /** BCP 47 tag for the screen's dates and times and the default TTS voice; en-GB for the sample shop. */
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 tag such as en-GB')
      .default('en-GB'),
  })
  .prefault({});

const pathsSection = z
  .strictObject({
    /** Where the SQLite database and other state live; relative paths resolve from the repo root. */
    dataDir: z.string().default('data'),
    db: z.string().default('data/kiosk.db'),
    modelsDir: z.string().default('models'),
  })
  .prefault({});

const audioSection = z
  .strictObject({
    /** node-record-lpcm16 recorder program: arecord (ALSA, the Pi default), sox or rec. */
    recorder: z.enum(['arecord', 'sox', 'rec']).default('arecord'),
    /** ALSA device name (e.g. plughw:1,0); null = the system default. */
    device: z.string().nullable().default(null),
    /** Microphone on by default; without one the kiosk still works by tap and typing. */
    micEnabled: z.boolean().default(true),
    /** Audio files (wake, vad, transcribe, run): refused above this size, before any decoding. */
    maxFileBytes: z.number().int().min(1024).default(1024 * 1024 * 1024),
    /** …and above this duration, read from the WAV header. Files are decoded as a stream either way. */
    maxFileMs: z.number().int().min(1000).default(4 * 3600_000),
    /** A failed microphone is retried after this, doubling per failure (with jitter) up to retryMaxMs. */
    retryBaseMs: z.number().int().min(50).default(1000),
    retryMaxMs: z.number().int().min(100).default(30_000),
  })
  .prefault({});

const wakeSection = z
  .strictObject({
    // Manifest ids (hey_jarvis: openWakeWord's, CC BY-NC-SA 4.0, non-commercial) or trained model files.
    // The default is the project's own "hey greenleaf", trained by `voice-kiosk wake train` (see README).
    keywords: z.array(z.string()).min(1).default(['models/wake/hey_greenleaf.onnx']),
    threshold: z.number().min(0).max(1).default(0.5),
    refractoryMs: z.number().int().min(0).default(2000),
  })
  .prefault({});

const vadSection = z
  .strictObject({
    threshold: z.number().min(0).max(1).default(0.5),
    trailingSilenceMs: z.number().int().min(50).default(500),
    maxUtteranceMs: z.number().int().min(1000).default(15_000),
    minSpeechMs: z.number().int().min(0).default(150),
  })
  .prefault({});

const asrSection = z
  .strictObject({
    engine: z.enum(['pocketsphinx', 'moonshine', 'whisper']).default('pocketsphinx'),
  })
  .prefault({});

const replySection = z
  .strictObject({
    knowledgeDir: z.string().default('assets/knowledge'),
    llm: z
      .strictObject({
        backend: z.enum(['none', 'ollama', 'llama-cpp', 'openai']).default('none'),
        url: z.string().default('http://127.0.0.1:11434'),
        model: z.string().default('qwen2.5:1.5b'),
        apiKey: z.string().nullable().default(null),
        maxTokens: z.number().int().min(1).default(160),
        timeoutMs: z.number().int().min(100).default(15_000),
      })
      .prefault({}),
  })
  .prefault({});

const routerSection = z
  .strictObject({
    maxLocalContextTokens: z.number().int().min(1).default(512),
    maxLocalGenerationTokens: z.number().int().min(1).default(200),
  })
  .prefault({});

const mqttSection = z
  .strictObject({
    /** null = start an embedded broker (aedes) on a free port: the one-machine default. */
    url: z.string().nullable().default(null),
    username: z.string().nullable().default(null),
    password: z.string().nullable().default(null),
    caFile: z.string().nullable().default(null),
    certFile: z.string().nullable().default(null),
    keyFile: z.string().nullable().default(null),
  })
  .prefault({});

const offloadSection = z
  .strictObject({
    maxPayloadBytes: z.number().int().min(1024).default(4 * 1024 * 1024),
    compressAboveBytes: z.number().int().min(0).default(16 * 1024),
    maxJobAgeMs: z.number().int().min(1000).default(7 * 24 * 3600 * 1000),
    reconcileIntervalMs: z.number().int().min(100).default(30_000),
    resendBaseMs: z.number().int().min(10).default(2_000),
    resendMaxMs: z.number().int().min(10).default(300_000),
    sessionExpirySec: z.number().int().min(0).default(7 * 24 * 3600),
    /**
     * A summary job the cloud has not answered (nor accepted) for this long gets an on-device draft
     * (extractive, shown as a draft until the cloud's summary replaces it); null: never draft.
     */
    deviceDraftAfterMs: z.number().int().min(0).nullable().default(10 * 60_000),
  })
  .prefault({});

const summarizerSection = z
  .strictObject({
    /** Start a local summarizer beside the embedded broker (mqtt.url = null); never beside a real broker. */
    embedded: z.boolean().default(true),
    backend: z.enum(['extractive', 'openai']).default('extractive'),
  })
  .prefault({});

const apiSection = z
  .strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
    /** Host names besides loopback the API answers to (`kiosk.local` or `kiosk.local:8787`); any other Host is refused (DNS rebinding). */
    allowedHosts: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

const staffSection = z
  .strictObject({
    /**
     * Deprecated: a scrypt hash accepted as the PIN of "staff". PINs live in the kiosk database
     * (`voice-kiosk staff set-pin`); there is no default PIN.
     */
    pinHash: z.string().nullable().default(null),
    maxFailures: z.number().int().min(1).default(5),
    lockoutMs: z.number().int().min(1000).default(5 * 60_000),
    /** Per-client lockouts double up to this. */
    maxLockoutMs: z.number().int().min(1000).default(40 * 60_000),
    /** Staff screens log out after this long untouched, and the server drops the session after the same idle time. */
    idleLogoutMs: z.number().int().min(10_000).default(3 * 60_000),
  })
  .prefault({});

const meetingsSection = z
  .object({
    /** A meeting still recording after this many minutes is stopped and summarized; 0 = no limit. */
    maxMinutes: z.number().min(0).default(120),
  })
  .prefault({});

const retentionSection = z
  .strictObject({
    transcriptDays: z.number().int().min(1).default(30),
  })
  .prefault({});

const ttsSection = z
  .strictObject({
    engine: z.enum(['espeak-ng', 'none']).default('espeak-ng'),
    /** espeak-ng voice; null = the one for device.locale (en-GB → en-gb). */
    voice: z.string().nullable().default(null),
    /** With no sound card, keep this many newest spoken replies as WAV files (0 = keep none). */
    keepFiles: z.number().int().min(0).max(10_000).default(0),
  })
  .prefault({});

export const configSchema = z
  .object({
    device: deviceSection,
    paths: pathsSection,
    audio: audioSection,
    wake: wakeSection,
    vad: vadSection,
    asr: asrSection,
    reply: replySection,
    router: routerSection,
    mqtt: mqttSection,
    offload: offloadSection,
    summarizer: summarizerSection,
    api: apiSection,
    staff: staffSection,
    meetings: meetingsSection,
    retention: retentionSection,
    tts: ttsSection,
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;
/** What a config file or override may hold: any subset of the sections. */
export type KioskConfigInput = z.input<typeof configSchema>;
