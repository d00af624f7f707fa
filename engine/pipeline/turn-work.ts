import type { Transcript } from '../contracts/audio.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { Logger } from '../log/logger.ts';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer.ts';
import type { ConversationInput } from './conversation-types.ts';
import type { EventBus } from './event-bus.ts';
import type { ReplyPort } from './stage-ports.ts';

/** What the reply and speech work report back to: events out, results into the reducer. */
export interface TurnContext {
  bus: EventBus;
  log: Logger;
  dispatch(input: ConversationInput): void;
}

/**
 * Asks the reply stage and streams its route and tokens as events. Nothing is published or
 * dispatched after `signal` aborts (barge-in), so a superseded answer never reaches the screen.
 */
export function runReply(
  ctx: TurnContext,
  reply: ReplyPort,
  correlationId: string,
  text: string,
  signal: AbortSignal,
  heard?: Transcript,
  /** Called once the reply has settled (answered, failed or cancelled), so its handle can be dropped. */
  settled: () => void = () => undefined,
): void {
  const { bus } = ctx;
  let routed = false;
  reply
    .answer({
      text,
      correlationId,
      signal,
      ...(heard ? { heard } : {}),
      onToken: (t) => {
        if (!signal.aborted) bus.publish({ type: 'reply-token', correlationId, atMs: bus.now(), text: t });
      },
      onRoute: (route, reason) => {
        routed = true;
        if (!signal.aborted) bus.publish({ type: 'route', correlationId, atMs: bus.now(), route, reason });
      },
    })
    .finally(settled)
    .then(
      (r) => {
        if (signal.aborted) return;
        ctx.log
          .child({ correlationId })
          .info('reply', { route: r.route, ttftMs: r.ttftMs, totalMs: r.totalMs });
        if (!routed)
          bus.publish({ type: 'route', correlationId, atMs: bus.now(), route: r.route, reason: r.reason });
        if (r.didYouMean?.length)
          bus.publish({
            type: 'did-you-mean',
            correlationId,
            atMs: bus.now(),
            candidates: r.didYouMean,
            confidence: r.confidence ?? 0,
          });
        bus.publish({
          type: 'reply',
          correlationId,
          atMs: bus.now(),
          text: r.answer,
          route: r.route,
          sources: r.sources,
          ttftMs: r.ttftMs,
          totalMs: r.totalMs,
          ...(r.declined ? { declined: true } : {}),
        });
        const outcome = {
          answer: r.answer,
          route: r.route,
          reason: r.reason,
          sources: r.sources,
          ttftMs: r.ttftMs,
          totalMs: r.totalMs,
          ...(r.queuedJobId ? { queuedJobId: r.queuedJobId } : {}),
          ...(r.action ? { action: r.action } : {}),
          ...(r.staffCallId ? { staffCallId: r.staffCallId } : {}),
          ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
          ...(r.didYouMean ? { didYouMean: r.didYouMean } : {}),
          ...(r.declined ? { declined: true } : {}),
        };
        ctx.dispatch({ type: 'reply-done', correlationId, outcome });
      },
      (err: unknown) => {
        if (!signal.aborted)
          ctx.dispatch({ type: 'reply-failed', correlationId, error: EngineError.toData(err, 'reply') });
      },
    );
}

/** Speaks an answer; a failing speaker becomes a notice (the answer is already on screen), never an error. */
export function runSpeech(
  ctx: TurnContext,
  tts: SpeechSynthesizer,
  correlationId: string,
  text: string,
  signal: AbortSignal,
  done: () => void,
): void {
  const { bus } = ctx;
  let started = false;
  const onFirstAudio = () => {
    started = true;
    bus.publish({ type: 'speak-started', correlationId, atMs: bus.now() });
  };
  tts.speak(text, { signal, correlationId, onFirstAudio }).then(
    (r) => {
      done();
      if (started)
        bus.publish({ type: 'speak-stopped', correlationId, atMs: bus.now(), interrupted: r.interrupted });
      ctx.dispatch({ type: 'speak-done', correlationId, interrupted: r.interrupted });
    },
    (err: unknown) => {
      done();
      const e = EngineError.toData(err, 'tts');
      bus.publish({
        type: 'notice',
        correlationId,
        atMs: bus.now(),
        level: 'warning',
        code: 'tts-failed',
        message: e.message,
      });
      ctx.dispatch({ type: 'speak-done', correlationId, interrupted: false });
    },
  );
}
