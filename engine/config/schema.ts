import { z } from 'zod';

/**
 * One typed configuration for the whole kiosk. Every field has a default that works on a fresh
 * machine with no file and no environment (the `npm start` promise). Each stage owns its section.
 */
const deviceSection = z
  .object({
    /** Names this kiosk on the MQTT job protocol (clientId and topic segment). */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('kiosk-1'),
  })
  .prefault({});

const pathsSection = z
  .object({
    /** Where the SQLite database and other state live; relative paths resolve from the repo root. */
    dataDir: z.string().default('data'),
    db: z.string().default('data/kiosk.db'),
    modelsDir: z.string().default('models'),
  })
  .prefault({});

const audioSection = z
  .object({
    /** node-record-lpcm16 recorder program: arecord (ALSA, the Pi default), sox or rec. */
    recorder: z.enum(['arecord', 'sox', 'rec']).default('arecord'),
    /** ALSA device name (e.g. plughw:1,0); null = the system default. */
    device: z.string().nullable().default(null),
    /** Microphone on by default; without one the kiosk still works by tap and typing. */
    micEnabled: z.boolean().default(true),
  })
  .prefault({});

const wakeSection = z
  .object({
    // Manifest ids (hey_jarvis: openWakeWord's, CC BY-NC-SA 4.0, non-commercial) or trained model files.
    // The default is the project's own "hey greenleaf", trained by `voice-kiosk wake train` (see README).
    keywords: z.array(z.string()).min(1).default(['models/wake/hey_greenleaf.onnx']),
    threshold: z.number().min(0).max(1).default(0.5),
    refractoryMs: z.number().int().min(0).default(2000),
  })
  .prefault({});

const vadSection = z
  .object({
    threshold: z.number().min(0).max(1).default(0.5),
    trailingSilenceMs: z.number().int().min(50).default(500),
    maxUtteranceMs: z.number().int().min(1000).default(15_000),
    minSpeechMs: z.number().int().min(0).default(150),
  })
  .prefault({});

const asrSection = z
  .object({
    engine: z.enum(['pocketsphinx', 'moonshine', 'whisper']).default('pocketsphinx'),
  })
  .prefault({});

const replySection = z
  .object({
    knowledgeDir: z.string().default('assets/knowledge'),
    llm: z
      .object({
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
  .object({
    maxLocalContextTokens: z.number().int().min(1).default(512),
    maxLocalGenerationTokens: z.number().int().min(1).default(200),
  })
  .prefault({});

const mqttSection = z
  .object({
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
  .object({
    maxPayloadBytes: z.number().int().min(1024).default(4 * 1024 * 1024),
    compressAboveBytes: z.number().int().min(0).default(16 * 1024),
    maxJobAgeMs: z.number().int().min(1000).default(7 * 24 * 3600 * 1000),
    reconcileIntervalMs: z.number().int().min(100).default(30_000),
    resendBaseMs: z.number().int().min(10).default(2_000),
    resendMaxMs: z.number().int().min(10).default(300_000),
    sessionExpirySec: z.number().int().min(0).default(7 * 24 * 3600),
  })
  .prefault({});

const summarizerSection = z
  .object({
    /** Start a local extractive summarizer beside the engine unless an external one serves the broker. */
    embedded: z.boolean().default(true),
    backend: z.enum(['extractive', 'openai']).default('extractive'),
  })
  .prefault({});

const apiSection = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
  })
  .prefault({});

const staffSection = z
  .object({
    /** scrypt hash of the staff PIN; null = the documented first-run PIN 1234, which staff should change. */
    pinHash: z.string().nullable().default(null),
    maxFailures: z.number().int().min(1).default(5),
    lockoutMs: z.number().int().min(1000).default(5 * 60_000),
  })
  .prefault({});

const retentionSection = z
  .object({
    transcriptDays: z.number().int().min(1).default(30),
  })
  .prefault({});

const ttsSection = z
  .object({
    engine: z.enum(['espeak-ng', 'none']).default('espeak-ng'),
    voice: z.string().default('en-us'),
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
    retention: retentionSection,
    tts: ttsSection,
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;
/** What a config file or override may hold: any subset of the sections. */
export type KioskConfigInput = z.input<typeof configSchema>;
