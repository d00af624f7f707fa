import type { PipelineEvent } from '../contracts/events.ts';

/** When each stage of one interaction happened (bus clock, ms) and the latencies between them. */
export interface InteractionTiming {
  correlationId: string;
  wakeAtMs?: number;
  listeningAtMs?: number;
  voiceStoppedAtMs?: number;
  transcriptAtMs?: number;
  firstTextAtMs?: number;
  replyAtMs?: number;
  firstAudioAtMs?: number;
  idleAtMs?: number;
  idleReason?: string;
  transcript?: string;
  answer?: string;
  route?: string;
  /** Derived latencies; absent when a stage did not happen. */
  stages: {
    /** ASR: endpoint (voice-stopped) → final transcript. */
    asrMs?: number;
    /** ASR's own decode time reported by the engine. */
    asrDecodeMs?: number;
    /** Router + reply: transcript → first reply text. */
    replyFirstTextMs?: number;
    /** Router + reply: transcript → full answer. */
    replyTotalMs?: number;
    /** TTS: full answer → first audio bytes. */
    ttsFirstAudioMs?: number;
    /** The headline figures: end of speech → first reply text / first audio. */
    endOfSpeechToFirstTextMs?: number;
    endOfSpeechToFirstAudioMs?: number;
  };
}

/**
 * Folds the event stream into one timing record per interaction, for `voice-kiosk run` and the
 * end-to-end benchmark; it reads only PipelineEvents, so it measures what the UI would see.
 */
export class InteractionTimeline {
  private readonly byId = new Map<string, InteractionTiming>();

  add(e: PipelineEvent): void {
    const t = this.get(e.correlationId);
    switch (e.type) {
      case 'wake':
        t.wakeAtMs ??= e.atMs;
        break;
      case 'listening':
        t.listeningAtMs ??= e.atMs;
        break;
      case 'voice-stopped':
        t.voiceStoppedAtMs = e.atMs;
        break;
      case 'transcript':
        t.transcriptAtMs = e.atMs;
        t.transcript = e.text;
        t.stages.asrDecodeMs = e.decodeMs;
        break;
      case 'reply-token':
        t.firstTextAtMs ??= e.atMs;
        break;
      case 'reply':
        t.replyAtMs = e.atMs;
        t.firstTextAtMs ??= e.atMs;
        t.answer = e.text;
        t.route = e.route;
        break;
      case 'speak-started':
        t.firstAudioAtMs ??= e.atMs;
        break;
      case 'idle':
        t.idleAtMs = e.atMs;
        t.idleReason = e.reason;
        break;
      default:
        return;
    }
    derive(t);
  }

  get(correlationId: string): InteractionTiming {
    let t = this.byId.get(correlationId);
    if (!t) this.byId.set(correlationId, (t = { correlationId, stages: {} }));
    return t;
  }

  all(): InteractionTiming[] {
    return [...this.byId.values()].filter((t) => t.listeningAtMs !== undefined || t.replyAtMs !== undefined);
  }
}

function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.max(0, a - b);
}

function derive(t: InteractionTiming): void {
  const s = t.stages;
  const set = (k: keyof InteractionTiming['stages'], v: number | undefined) => {
    if (v !== undefined) s[k] = v;
  };
  set('asrMs', diff(t.transcriptAtMs, t.voiceStoppedAtMs));
  set('replyFirstTextMs', diff(t.firstTextAtMs, t.transcriptAtMs));
  set('replyTotalMs', diff(t.replyAtMs, t.transcriptAtMs));
  set('ttsFirstAudioMs', diff(t.firstAudioAtMs, t.replyAtMs));
  set('endOfSpeechToFirstTextMs', diff(t.firstTextAtMs, t.voiceStoppedAtMs));
  set('endOfSpeechToFirstAudioMs', diff(t.firstAudioAtMs, t.voiceStoppedAtMs));
}
