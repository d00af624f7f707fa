import type { Route } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { SqliteDb } from './database.ts';

/** One shopper interaction as the pipeline knows it when the reply is finished (or abandoned). */
export interface InteractionRecord {
  correlationId: string;
  /** Groups follow-up questions; defaults to the correlation id (a conversation of one). */
  conversationId?: string;
  text: string;
  /** When the utterance was heard (default: now). */
  heardAt?: Date | string;
  asr?: { engine: string; confidence: number };
  reply?: {
    text: string;
    route: Route;
    reason: string;
    sources: string[];
    ttftMs?: number;
    totalMs?: number;
  };
}

export interface UtteranceRow {
  id: number;
  conversationId: string;
  correlationId: string;
  text: string;
  heardAt: string;
  asrEngine: string | null;
  confidence: number | null;
  reply: string | null;
  route: Route | null;
  routeReason: string | null;
  sources: string[];
  ttftMs: number | null;
  totalMs: number | null;
  /** The cloud's fuller answer to this question, once it has arrived (answers.correlation_id). */
  fullerReply: string | null;
}

interface DbUtterance {
  id: number;
  conversation_id: string;
  correlation_id: string;
  text: string;
  heard_at: string;
  asr_engine: string | null;
  confidence: number | null;
  reply: string | null;
  route: Route | null;
  route_reason: string | null;
  sources: string;
  ttft_ms: number | null;
  total_ms: number | null;
  fuller_reply: string | null;
}

function toRow(r: DbUtterance): UtteranceRow {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    correlationId: r.correlation_id,
    text: r.text,
    heardAt: r.heard_at,
    asrEngine: r.asr_engine,
    confidence: r.confidence,
    reply: r.reply,
    route: r.route,
    routeReason: r.route_reason,
    sources: JSON.parse(r.sources) as string[],
    ttftMs: r.ttft_ms,
    totalMs: r.total_ms,
    fullerReply: r.fuller_reply ?? null,
  };
}

/** Utterances with the fuller cloud answer to their question, when one has arrived. */
const WITH_FULLER =
  'SELECT u.*, a.text AS fuller_reply FROM utterances u LEFT JOIN answers a ON a.correlation_id = u.correlation_id';

/** Keeps every shopper transcript with its reply and route, so staff can review what the kiosk said and why. */
export class ConversationRepository {
  private readonly insertConversation;
  private readonly insertUtterance;

  constructor(private readonly db: SqliteDb) {
    this.insertConversation = db.prepare(
      'INSERT OR IGNORE INTO conversations (id, started_at) VALUES (?, ?)',
    );
    this.insertUtterance = db.prepare(`INSERT INTO utterances
      (conversation_id, correlation_id, text, heard_at, created_at, asr_engine, confidence, reply, route, route_reason, sources, ttft_ms, total_ms)
      VALUES (@conversationId, @correlationId, @text, @heardAt, @createdAt, @asrEngine, @confidence, @reply, @route, @routeReason, @sources, @ttftMs, @totalMs)`);
  }

  /** Stores one utterance and its reply in one transaction; returns the row ids. */
  recordInteraction(rec: InteractionRecord): { conversationId: string; utteranceId: number } {
    if (!rec.correlationId)
      throw new EngineError('bad-input', 'recordInteraction needs a correlationId', { stage: 'store' });
    if (typeof rec.text !== 'string') {
      throw new EngineError('bad-input', 'recordInteraction needs the utterance text', {
        stage: 'store',
        detail: { correlationId: rec.correlationId },
      });
    }
    const now = new Date().toISOString();
    const heardAt = rec.heardAt === undefined ? now : new Date(rec.heardAt).toISOString();
    const conversationId = rec.conversationId ?? rec.correlationId;
    return this.db.transaction(() => {
      this.insertConversation.run(conversationId, heardAt);
      const info = this.insertUtterance.run({
        conversationId,
        correlationId: rec.correlationId,
        text: rec.text,
        heardAt,
        createdAt: now,
        asrEngine: rec.asr?.engine ?? null,
        confidence: rec.asr?.confidence ?? null,
        reply: rec.reply?.text ?? null,
        route: rec.reply?.route ?? null,
        routeReason: rec.reply?.reason ?? null,
        sources: JSON.stringify(rec.reply?.sources ?? []),
        ttftMs: rec.reply?.ttftMs ?? null,
        totalMs: rec.reply?.totalMs ?? null,
      });
      return { conversationId, utteranceId: Number(info.lastInsertRowid) };
    })();
  }

  /** The utterances of one interaction (normally one), oldest first. */
  byCorrelation(correlationId: string): UtteranceRow[] {
    return (
      this.db
        .prepare(`${WITH_FULLER} WHERE u.correlation_id = ? ORDER BY u.id`)
        .all(correlationId) as DbUtterance[]
    ).map(toRow);
  }

  /** The most recent utterances, newest first. */
  recent(limit = 50): UtteranceRow[] {
    return (
      this.db.prepare(`${WITH_FULLER} ORDER BY u.id DESC LIMIT ?`).all(limit) as DbUtterance[]
    ).map(toRow);
  }
}
