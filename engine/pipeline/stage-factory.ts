import type { AsrEngine } from '../asr/asr-engine.ts';
import type { KioskConfig } from '../config/schema.ts';
import type { StageInfo } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import { createAsrEngine } from '../asr/create-asr-engine.ts';
import { resolvePath } from '../config/load.ts';
import { KnowledgeBase } from '../reply/knowledge/knowledge-base.ts';
import { createLlmBackend } from '../reply/create-reply-service.ts';
import { ReplyService } from '../reply/reply-service.ts';
import type { AnswerOffload } from '../router/answer-offload.ts';
import { VoiceActivityDetector } from '../vad/voice-activity-detector.ts';
import { WakeWordDetector } from '../wake/wake-word-detector.ts';
import { SwitchableWake } from './switchable-wake.ts';
import type { EndpointPort, KnowledgeSource, ReplyPort, WakePort } from './stage-ports.ts';

/**
 * Builds each stage's real implementation from config and adapts it to the pipeline's ports. This is
 * the only module that names concrete stage classes. A stage that cannot load (model missing, no
 * native addon) comes back as null with a note, so the kiosk still starts and says what is missing.
 */
export interface BuiltStages {
  wake: WakePort | null;
  endpoint: EndpointPort | null;
  asr: AsrEngine | null;
  reply: ReplyPort;
  knowledge: KnowledgeSource | null;
  /** What could not be built, for notice events and /health. */
  missing: StageInfo[];
  /** Stages that loaded with a fallback, for notice events. */
  notices: string[];
  close(): Promise<void>;
}

/** Loads every stage the config asks for; failures become `missing` entries, never exceptions. */
export async function buildStages(
  config: KioskConfig,
  log: Logger,
  answerOffload: AnswerOffload | null = null,
): Promise<BuiltStages> {
  const missing: StageInfo[] = [];
  const notices: string[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  const attempt = async <T>(stage: string, name: string, build: () => Promise<T>): Promise<T | null> => {
    try {
      return await build();
    } catch (err) {
      const e = EngineError.toData(err);
      log.warn('stage not available', { stage, error: e.message, code: e.code });
      missing.push({ stage, name, ready: false, note: e.message });
      return null;
    }
  };

  const models = { modelsDir: resolvePath(config.paths.modelsDir) };
  const wake = await attempt('wake', 'openWakeWord', async () => {
    const d = await WakeWordDetector.create({
      keywords: config.wake.keywords,
      threshold: config.wake.threshold,
      refractoryMs: config.wake.refractoryMs,
      models,
    });
    return new SwitchableWake(d);
  });

  const endpoint = await attempt('vad', 'silero-vad', async () =>
    adaptVad(await VoiceActivityDetector.create({ ...config.vad, models })),
  );
  const asr = await attempt('asr', config.asr.engine, async () => {
    const chosen = await createAsrEngine({
      engine: config.asr.engine,
      modelsDir: resolvePath(config.paths.modelsDir),
      logger: log,
    });
    if (chosen.fallback)
      notices.push(
        `ASR ${chosen.fallback.from} is not available (${chosen.fallback.error.message}): using pocketsphinx`,
      );
    return chosen.engine;
  });
  if (asr) closers.push(() => asr.close());
  const kb = await attempt('reply', 'knowledge base', async () =>
    KnowledgeBase.open(resolvePath(config.reply.knowledgeDir)),
  );
  let reply: ReplyPort;
  let knowledge: KnowledgeSource | null = null;
  // A local LLM that cannot load (server down, GGUF missing, node-llama-cpp not installed) leaves the
  // kiosk answering by fast path and retrieval; the note says why.
  const llm = await attempt('llm', config.reply.llm.backend, () => createLlmBackend(config));
  if (llm?.close) closers.push(() => llm.close?.());
  if (kb) {
    closers.push(() => kb.close());
    const service = new ReplyService({
      kb,
      llm,
      offload: answerOffload,
      router: config.router,
      llmLimits: { maxTokens: config.reply.llm.maxTokens, timeoutMs: config.reply.llm.timeoutMs },
      logger: log.child({ module: 'reply' }),
    });
    reply = { answer: (req) => service.answer(req), info: () => service.info() };
    knowledge = { suggestions: () => service.suggestions(), reload: () => service.reloadKnowledge() };
  } else {
    reply = unavailableReply('no knowledge base could be loaded (see reply.knowledgeDir)');
  }

  return {
    wake,
    endpoint,
    asr,
    reply,
    knowledge,
    missing,
    notices,
    async close() {
      for (const c of closers.reverse()) await c();
    },
  };
}

function adaptVad(v: VoiceActivityDetector): EndpointPort {
  return {
    async process(frame) {
      const events = await v.process(frame);
      return events.map((e) =>
        e.type === 'speech-start'
          ? { type: 'voice-started' as const, atMs: e.atMs }
          : { type: 'voice-stopped' as const, segment: e.segment },
      );
    },
    reset: () => v.reset(),
    info: () => v.info(),
  };
}

/** Answers every question with a clear 'unavailable' error (the UI shows it) when no reply stage loaded. */
function unavailableReply(why: string): ReplyPort {
  return {
    answer: async () => {
      throw new EngineError('unavailable', why, { stage: 'reply' });
    },
    info: () => ({ stage: 'reply', name: 'reply', ready: false, note: why }),
  };
}
