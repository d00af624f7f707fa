import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AudioSource } from '../audio/audio-source.ts';
import { MicrophoneSource } from '../audio/microphone-source.ts';
import { createApiHandlers, startApiServer, StaffAuth, type ApiServer } from '../api/index.ts';
import type { ApiDeps } from '../api/deps.ts';
import { APP_ROOT, resolvePath } from '../config/load.ts';
import type { KioskConfig } from '../config/schema.ts';
import type { StageInfo } from '../contracts/audio.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { openKioskStoreFromConfig, type KioskStore } from '../store/kiosk-store.ts';
import { createCuePlayer } from '../tts/cue-player.ts';
import { createSynthesizer } from '../tts/create-synthesizer.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import { AudioPump } from './audio-pump.ts';
import { ConversationRunner } from './conversation-runner.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { createApiDeps } from './engine-services.ts';
import { EventBus } from './event-bus.ts';
import { buildStages, type BuiltStages } from './stage-factory.ts';
import { startOffload, type OffloadLink } from './offload-wiring.ts';
import { SwitchableWake } from './switchable-wake.ts';
import { readActiveWake, WakeModelsService } from './wake-models-service.ts';
import { WakeWordDetector } from '../wake/wake-word-detector.ts';

export interface KioskEngineOptions {
  /** 'microphone' (default when config.audio.micEnabled), 'none', or a source such as a WAV file. */
  audio?: 'microphone' | 'none' | AudioSource;
  /** Serve the HTTP API + UI (default true); `voice-kiosk run` turns it off. */
  api?: boolean;
  /** Directory with the built UI; default renderer/dist when it exists. */
  staticDir?: string | null;
  /** Where spoken replies go as WAV files when there is no sound card (default <dataDir>/speech). */
  speechDir?: string;
  /** Start the broker/summarizer/offload client (default true); replay can skip them. */
  offload?: boolean;
  /** No speech this long after wake/tap → idle with a cue (default 6 s). */
  noSpeechTimeoutMs?: number;
  log?: Logger;
}

export interface KioskEngine {
  config: KioskConfig;
  bus: EventBus;
  store: KioskStore;
  runner: ConversationRunner;
  deps: ApiDeps;
  tts: SpeechSynthesizer;
  api: ApiServer | null;
  brokerUrl: string | null;
  /** Resolves when a finite audio source (a file) has been fed through; never for a microphone. */
  audioDone: Promise<void>;
  stages(): StageInfo[];
  close(): Promise<void>;
}

/**
 * The composition root: the one place that turns a config into running services — store, stages,
 * TTS, conversation, embedded broker + summarizer + offload client, API server — and the only code
 * that knows their concrete classes. Anything optional that fails becomes a notice, not a crash.
 */
export async function createKioskEngine(
  config: KioskConfig,
  opts: KioskEngineOptions = {},
): Promise<KioskEngine> {
  const log = opts.log ?? createLogger('engine');
  const bus = new EventBus();
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        log.warn('shutdown step failed', { error: (err as Error).message });
      }
    }
  };
  const notice = (code: string, message: string) => {
    log.warn(message, { code });
    bus.publish({
      type: 'notice',
      correlationId: 'system',
      atMs: bus.now(),
      level: 'warning',
      code,
      message,
    });
  };

  try {
    const store = openKioskStoreFromConfig(config);
    closers.push(() => store.close());

    const dataDir = resolvePath(config.paths.dataDir);
    const speech = createSynthesizer(config, { fileDir: opts.speechDir ?? path.join(dataDir, 'speech') });
    if (speech.notice) notice('tts', speech.notice);

    let broker: EmbeddedBroker | null = null;
    let offload: OffloadLink | null = null;
    let brokerUrl = config.mqtt.url;
    if (opts.offload !== false) {
      if (!brokerUrl) {
        broker = await startEmbeddedBroker({ dataDir });
        closers.push(() => broker?.close());
        brokerUrl = broker.url;
        if (broker.kind === 'aedes')
          notice('broker-v3', `${broker.info().note ?? 'embedded aedes broker'}: summaries stay queued`);
      }
      const wired = await startOffload({
        config,
        brokerUrl: brokerUrl!,
        store,
        bus,
        log: log.child({ module: 'offload' }),
      });
      for (const n of wired.notices) notice('offload', n);
      offload = wired.link;
      closers.push(() => wired.close());
    }

    const link = offload;
    const answerOffload = link
      ? {
          online: () => link.online(),
          enqueueAnswer: (q: { question: string; context?: string }) =>
            link.enqueueAnswer(q.question, q.context),
        }
      : null;
    // Staff may have activated a trained wake word: it replaces config.wake.keywords until rolled back.
    const wakeDir = path.join(dataDir, 'wake');
    const activeWake = await readActiveWake(wakeDir);
    const stageConfig = activeWake ? { ...config, wake: { ...config.wake, keywords: activeWake.active } } : config;
    const stages: BuiltStages = await buildStages(stageConfig, log.child({ module: 'stages' }), answerOffload);
    closers.push(() => stages.close());
    const wakeModels =
      stages.wake instanceof SwitchableWake
        ? new WakeModelsService(
            {
              wake: stages.wake,
              dir: wakeDir,
              configured: config.wake.keywords,
              log: log.child({ module: 'wake-models' }),
              build: (keywords) =>
                WakeWordDetector.create({ keywords, threshold: config.wake.threshold, refractoryMs: config.wake.refractoryMs, models: { modelsDir: resolvePath(config.paths.modelsDir) } }),
            },
            activeWake,
          )
        : null;
    if (wakeModels) closers.push(() => wakeModels.close());

    const runner = new ConversationRunner({
      bus,
      log: log.child({ module: 'conversation' }),
      wake: stages.wake,
      endpoint: stages.endpoint,
      asr: stages.asr,
      reply: stages.reply,
      tts: speech.synthesizer,
      interactions: { record: (r) => void store.conversations.recordInteraction(toStoreRecord(r)) },
      meetings: { addSegment: (id, text) => ({ segmentId: store.meetings.addSegment(id, text) }) },
      cues: config.tts.engine === 'none' ? { play: () => undefined } : createCuePlayer(),
      noSpeechTimeoutMs: opts.noSpeechTimeoutMs ?? 6000,
    });
    closers.push(() => runner.close());

    let micAvailable = false;
    const source = pickAudio(config, opts.audio);
    const stageInfo = (): StageInfo[] => [
      ...(source
        ? [audioInfo(source.info(), micAvailable)]
        : [{ stage: 'audio', name: 'none', ready: false, note: 'no microphone: tap or type' }]),
      ...[
        stages.wake?.info(),
        stages.endpoint?.info(),
        stages.asr?.info(),
        stages.reply.info(),
        speech.synthesizer.info(),
        broker?.info(),
        offload?.info(),
      ].filter((s): s is StageInfo => !!s),
      ...stages.missing.filter((m) => m.stage !== 'reply'),
    ];

    const deps = createApiDeps({
      bus,
      log,
      store,
      runner,
      offload: () => offload,
      knowledge: stages.knowledge,
      stages: stageInfo,
      micAvailable: () => micAvailable,
      wakePhrase: () =>
        stages.wake instanceof SwitchableWake ? (stages.wake.keywords()[0]?.phrase ?? '') : config.wake.keywords[0]!.replace(/_/g, ' '),
      ...(wakeModels ? { wakeModels } : {}),
      brokerUrl: () => brokerUrl,
    });

    let api: ApiServer | null = null;
    if (opts.api !== false) {
      const auth = new StaffAuth({
        pinHash: config.staff.pinHash,
        maxFailures: config.staff.maxFailures,
        lockoutMs: config.staff.lockoutMs,
      });
      const staticDir = opts.staticDir === undefined ? defaultStaticDir() : opts.staticDir;
      if (!staticDir)
        notice('no-ui-build', 'renderer/dist is missing (run npm run build:ui): serving the API only');
      api = await startApiServer({
        handlers: createApiHandlers(deps, auth, log),
        bus,
        status: deps.status,
        host: config.api.host,
        port: config.api.port,
        staticDir,
        log: log.child({ module: 'api' }),
      });
      closers.push(() => api?.close());
    }

    for (const n of stages.notices) notice('stage-fallback', n);
    for (const m of stages.missing)
      notice(
        `${m.stage}-unavailable`,
        `${m.stage} (${m.name}) is not available: ${m.note ?? 'unknown reason'}`,
      );

    let audioDone: Promise<void> = Promise.resolve();
    if (source) {
      const finite = opts.audio !== undefined && typeof opts.audio === 'object';
      const pump = new AudioPump({
        source,
        feed: (f) => runner.feed(f),
        bus,
        log: log.child({ module: 'audio' }),
        restartAfterMs: finite ? null : 5000,
        onAvailability: (a) => (micAvailable = a),
      });
      audioDone = pump.start();
      closers.push(() => pump.stop());
      // Closed first on shutdown (closers run in reverse), so no frame reaches a closed stage.
    } else {
      notice('no-microphone', 'no microphone: tap the screen or type to ask');
    }

    return {
      config,
      bus,
      store,
      runner,
      deps,
      tts: speech.synthesizer,
      api,
      brokerUrl,
      audioDone,
      stages: stageInfo,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function pickAudio(config: KioskConfig, choice: KioskEngineOptions['audio']): AudioSource | null {
  if (choice === 'none') return null;
  if (choice && typeof choice === 'object') return choice;
  if (!config.audio.micEnabled) return null;
  return new MicrophoneSource({ recorder: config.audio.recorder, device: config.audio.device });
}

/** A microphone counts as ready only once it has delivered audio, not merely because arecord exists. */
function audioInfo(info: StageInfo, delivering: boolean): StageInfo {
  return delivering
    ? info
    : { ...info, ready: false, note: `${info.note ? `${info.note}; ` : ''}no audio received (yet)` };
}

function defaultStaticDir(): string | null {
  const dir = path.join(APP_ROOT, 'renderer', 'dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

function toStoreRecord(r: import('./stage-ports.ts').InteractionRecord) {
  const rec = {
    correlationId: r.correlationId,
    text: r.question,
    heardAt: r.startedAt,
    reply: {
      text: r.result.answer,
      route: r.result.route,
      reason: r.result.reason,
      sources: r.result.sources,
      ttftMs: r.result.ttftMs,
      totalMs: r.result.totalMs,
    },
  };
  return r.transcript
    ? { ...rec, asr: { engine: r.transcript.engine, confidence: r.transcript.confidence } }
    : rec;
}
