import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AudioSource } from '../audio/audio-source.ts';
import { MicrophoneSource } from '../audio/microphone-source.ts';
import { createApiHandlers, startApiServer, StaffAuth, type ApiServer } from './api/index.ts';
import type { ApiDeps } from './api/deps.ts';
import { APP_ROOT, resolvePath } from './config/load.ts';
import type { KioskConfig } from '../contracts/config.ts';
import type { StageInfo } from '../contracts/audio.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { KioskStore } from '../store/kiosk-store.ts';
import { LoginAttempts } from '../store/login-attempts.ts';
import { createCuePlayer } from '../tts/cue-player.ts';
import { createSynthesizer } from '../tts/create-synthesizer.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import { AudioPump } from '../pipeline/audio-pump.ts';
import { ConversationRunner } from '../pipeline/conversation-runner.ts';
import { createApiDeps, queueSummaryVia } from './engine-services.ts';
import { MeetingControl } from './meeting-control.ts';
import { withStaffCalls } from './staff-call-reply.ts';
import { StaffCallService } from './staff-call-service.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import { buildStages, type BuiltStages } from './stage-factory.ts';
import { startEngineCore, type EngineCore } from './engine-core.ts';
import type { EngineMetrics } from './api/metrics.ts';
import { createStaffVoiceCommands } from './staff-voice-commands.ts';
import { SwitchableWake } from '../pipeline/switchable-wake.ts';
import { readActiveWake, WakeModelsService } from './wake-models-service.ts';
import { WakeWordDetector } from '../wake/wake-word-detector.ts';

export interface KioskEngineOptions {
  /** The kiosk (default): conversation, audio, API and UI on top of the core. */
  mode?: 'kiosk';
  /** 'microphone' (default when config.audio.micEnabled), 'none', or a source such as a WAV file. */
  audio?: 'microphone' | 'none' | AudioSource;
  /** Serve the HTTP API + UI (default true); `voice-kiosk run` turns it off. */
  api?: boolean;
  /** Directory with the built UI; default renderer/dist when it exists. */
  staticDir?: string | null;
  /** Where kept spoken replies go when there is no sound card (default <dataDir>/speech); null = nowhere. */
  speechDir?: string | null;
  /** How many of them to keep (default config tts.keepFiles). */
  keepSpeechFiles?: number;
  /** Start the broker/summarizer/offload client (default true); replay can skip them. */
  offload?: boolean;
  /** No speech this long after wake/tap → idle with a cue (default 6 s). */
  noSpeechTimeoutMs?: number;
  /** The clock retention measures transcript age against (tests pass a fixed one). */
  now?: () => Date;
  log?: Logger;
}

/**
 * The relay (`voice-kiosk engine`): the same root with the conversation, audio, API and UI off and no
 * embedded broker or summarizer — it publishes queued jobs to a real broker and stores the results.
 */
export interface RelayOptions {
  mode: 'relay';
  now?: () => Date;
  /** Subscribes to the bus before the offload client starts. */
  observe?: (bus: EventBus) => void;
  log?: Logger;
}

export interface KioskEngine {
  config: KioskConfig;
  bus: EventBus;
  store: KioskStore;
  metrics: EngineMetrics;
  runner: ConversationRunner;
  deps: ApiDeps;
  tts: SpeechSynthesizer;
  api: ApiServer | null;
  /** Staff sessions (PIN login): the API's and the staff voice commands' one source of "staff present". */
  auth: StaffAuth;
  brokerUrl: string | null;
  /** Resolves when a finite audio source (a file) has been fed through; never for a microphone. */
  audioDone: Promise<void>;
  stages(): StageInfo[];
  /** Stages whose model file failed its sha256 check: `run` refuses to report success with one. */
  modelChecksumFailures: StageInfo[];
  close(): Promise<void>;
}

/**
 * The composition root, the one for every mode (`start`, `run`, Electron's engine process and the
 * `engine` relay): the only place that turns a config into running services — store, retention,
 * metrics, stages, TTS, conversation, embedded broker + summarizer + offload client, API server — and
 * the only code that knows their concrete classes. Anything optional that fails becomes a notice, not
 * a crash. The relay mode is the core alone (engine-core.ts).
 */
export async function createKioskEngine(config: KioskConfig, opts: RelayOptions): Promise<EngineCore>;
export async function createKioskEngine(config: KioskConfig, opts?: KioskEngineOptions): Promise<KioskEngine>;
export async function createKioskEngine(
  config: KioskConfig,
  options: KioskEngineOptions | RelayOptions = {},
): Promise<KioskEngine | EngineCore> {
  const log = options.log ?? createLogger('engine');
  if (options.mode === 'relay') {
    return startEngineCore(config, {
      log,
      embeddedBroker: false,
      embeddedSummarizer: false,
      lockOwner: 'voice-kiosk engine',
      ...(options.now ? { now: options.now } : {}),
      ...(options.observe ? { observe: options.observe } : {}),
    });
  }
  const opts = options;
  const core = await startEngineCore(config, {
    log,
    ...(opts.offload === false ? { offload: false } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const { bus, store, brokerUrl, notice, close, writes, storeHealth } = core;

  try {
    const dataDir = resolvePath(config.paths.dataDir);
    const speechDir = opts.speechDir === undefined ? path.join(dataDir, 'speech') : opts.speechDir;
    const speech = createSynthesizer(config, {
      ...(speechDir ? { fileDir: speechDir } : {}),
      ...(opts.keepSpeechFiles !== undefined ? { keepFiles: opts.keepSpeechFiles } : {}),
    });
    if (speech.notice) notice('tts', speech.notice);

    const offload = core.offload;
    const link = offload;
    const answerOffload = link
      ? {
          online: () => link.online(),
          enqueueAnswer: (q: { question: string; context?: string }, correlationId?: string) =>
            link.enqueueAnswer(q.question, q.context, correlationId),
        }
      : null;
    const legacy = config.staff.pinHash;
    const auth = new StaffAuth({
      // From the database on every login, so `voice-kiosk staff set-pin` works without a restart.
      pins: () => [...store.staffPins.list(), ...(legacy ? [{ name: 'staff', pinHash: legacy }] : [])],
      maxFailures: config.staff.maxFailures,
      lockoutMs: config.staff.lockoutMs,
      maxLockoutMs: config.staff.maxLockoutMs,
      idleTimeoutMs: config.staff.idleLogoutMs,
      attempts: new LoginAttempts(store.db),
    });
    // Built before the services they use (those need the runner): `services` is read when a command runs.
    let services: ApiDeps | null = null;
    const staffVoice = createStaffVoiceCommands({
      auth,
      services: () => services!,
      meetings: () => store.meetings.list(),
      log: log.child({ module: 'staff-voice' }),
      notice,
      wakePhrase: () => wakePhrase(),
    });
    // Staff may have activated a trained wake word: it replaces config.wake.keywords until rolled back.
    const wakeDir = path.join(dataDir, 'wake');
    const activeWake = await readActiveWake(wakeDir);
    const stageConfig = activeWake ? { ...config, wake: { ...config.wake, keywords: activeWake.active } } : config;
    const stages: BuiltStages = await buildStages(
      stageConfig,
      log.child({ module: 'stages' }),
      answerOffload,
      staffVoice,
    );
    core.onClose(() => stages.close());
    const wakePhrase = (): string =>
      stages.wake instanceof SwitchableWake
        ? (stages.wake.keywords()[0]?.phrase ?? '')
        : path.basename(config.wake.keywords[0]!, '.onnx').replace(/_/g, ' ');
    const wakeModels =
      stages.wake instanceof SwitchableWake
        ? new WakeModelsService(
            {
              wake: stages.wake,
              dir: wakeDir,
              configured: config.wake.keywords,
              log: log.child({ module: 'wake-models' }),
              build: (keywords) =>
                WakeWordDetector.create({
                  keywords,
                  threshold: config.wake.threshold,
                  refractoryMs: config.wake.refractoryMs,
                  models: { modelsDir: resolvePath(config.paths.modelsDir) },
                }),
            },
            activeWake,
          )
        : null;
    if (wakeModels) core.onClose(() => wakeModels.close());

    const staffCalls = new StaffCallService({
      store,
      bus,
      log: log.child({ module: 'staff-calls' }),
      deviceId: config.device.id,
      offload: () => offload,
    });
    const runner = new ConversationRunner({
      bus,
      log: log.child({ module: 'conversation' }),
      wake: stages.wake,
      endpoint: stages.endpoint,
      asr: stages.asr,
      reply: withStaffCalls(stages.reply, staffCalls),
      tts: speech.synthesizer,
      interactions: {
        record: (r) =>
          void writes
            .run('interaction', () => store.conversations.recordInteraction(toStoreRecord(r)))
            .catch((e: Error) => log.error('interaction not stored', { correlationId: r.correlationId, error: e.message })),
      },
      meetings: {
        addSegment: (id, text) =>
          writes.run('meeting-segment', () => {
            const segmentId = store.meetings.addSegment(id, text);
            staffVoice.onMeetingSegment(text);
            return { segmentId };
          }),
      },
      staffCommands: staffVoice,
      cues: config.tts.engine === 'none' ? { play: () => undefined } : createCuePlayer(),
      noSpeechTimeoutMs: opts.noSpeechTimeoutMs ?? 6000,
    });
    core.onClose(() => runner.close());
    const meetings = new MeetingControl({
      store,
      runner,
      bus,
      log: log.child({ module: 'meetings' }),
      queueSummary: (id) => queueSummaryVia({ bus, store, offload: () => offload }, id),
      maxMs: config.meetings.maxMinutes > 0 ? config.meetings.maxMinutes * 60_000 : null,
    });
    // Runs before runner.close() on shutdown (closers run in reverse): the meeting ends "kiosk stopped".
    core.onClose(() => meetings.shutdown());
    for (const m of meetings.closeAbandoned())
      notice('meeting-closed', `meeting "${m.title}" was still recording when the kiosk stopped; it was closed and its summary queued`);

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
        ...core.info(),
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
      wakePhrase,
      ...(wakeModels ? { wakeModels } : {}),
      locale: config.device.locale,
      brokerUrl: () => brokerUrl,
      writes,
      storeHealth: () => storeHealth.snapshot(),
      meetings,
      staffCalls,
      knowledgeError: stages.missing.find((m) => m.stage === 'reply')?.note ?? null,
    });
    services = deps;

    let api: ApiServer | null = null;
    if (opts.api !== false) {
      const staticDir = opts.staticDir === undefined ? defaultStaticDir() : opts.staticDir;
      if (!staticDir)
        notice('no-ui-build', 'renderer/dist is missing (run npm run build:ui): serving the API only');
      api = await startApiServer({
        handlers: createApiHandlers(deps, auth, log),
        bus,
        metrics: core.metrics,
        status: deps.status,
        host: config.api.host,
        port: config.api.port,
        allowedHosts: config.api.allowedHosts,
        staticDir,
        log: log.child({ module: 'api' }),
      });
      core.onClose(() => api?.close());
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
        restartAfterMs: finite ? null : config.audio.retryBaseMs,
        restartMaxMs: config.audio.retryMaxMs,
        onAvailability: (a) => (micAvailable = a),
      });
      audioDone = pump.start();
      core.onClose(() => pump.stop());
      // Closed first on shutdown (steps run in reverse), so no frame reaches a closed stage.
    } else {
      notice('no-microphone', 'no microphone: tap the screen or type to ask');
    }

    return {
      config,
      bus,
      store,
      metrics: core.metrics,
      runner,
      deps,
      tts: speech.synthesizer,
      api,
      auth,
      brokerUrl,
      audioDone,
      stages: stageInfo,
      modelChecksumFailures: stages.checksumFailures,
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

function toStoreRecord(r: import('../pipeline/stage-ports.ts').InteractionRecord) {
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
