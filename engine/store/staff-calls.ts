import { randomUUID } from 'node:crypto';
import type { StaffCallRow } from '../contracts/api.ts';
import type { StaffCallState } from '../contracts/events.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { SqliteDb } from './database.ts';

export type StaffCallTrigger = StaffCallRow['trigger'];

interface DbCall {
  id: string;
  correlation_id: string | null;
  trigger: StaffCallTrigger;
  question: string | null;
  state: StaffCallState;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

function toRow(r: DbCall): StaffCallRow {
  return {
    id: r.id,
    state: r.state,
    trigger: r.trigger,
    question: r.question,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

/** raised → acknowledged → closed; raised → closed is allowed too (staff came without pressing "On my way"). */
const NEXT: Readonly<Record<StaffCallState, readonly StaffCallState[]>> = {
  raised: ['acknowledged', 'closed'],
  acknowledged: ['closed'],
  closed: [],
};

/** Shoppers' calls for a member of staff, kept and counted for the owner's view. */
export class StaffCallRepository {
  constructor(private readonly db: SqliteDb) {}

  raise(opts: {
    trigger: StaffCallTrigger;
    question?: string | null;
    correlationId?: string | null;
    at?: Date;
  }): StaffCallRow {
    const id = randomUUID();
    const question = opts.question?.trim() ? opts.question.trim().slice(0, 500) : null;
    this.db
      .prepare(
        "INSERT INTO staff_calls (id, correlation_id, trigger, question, state, raised_at) VALUES (?, ?, ?, ?, 'raised', ?)",
      )
      .run(id, opts.correlationId ?? null, opts.trigger, question, (opts.at ?? new Date()).toISOString());
    return this.require(id);
  }

  /** Moves a call on; a repeated press is harmless (same state → unchanged), going back is a conflict. */
  move(
    id: string,
    to: 'acknowledged' | 'closed',
    staff: string | null,
    at: Date = new Date(),
  ): { call: StaffCallRow; changed: boolean } {
    return this.db
      .transaction(() => {
        const cur = this.require(id);
        if (cur.state === to) return { call: cur, changed: false };
        if (!NEXT[cur.state].includes(to))
          throw new EngineError('conflict', `staff call ${id} is ${cur.state}; it cannot become ${to}`, {
            stage: 'store',
            detail: { callId: id },
          });
        const col = to === 'acknowledged' ? 'acknowledged' : 'closed';
        this.db
          .prepare(`UPDATE staff_calls SET state = ?, ${col}_at = ?, ${col}_by = ? WHERE id = ?`)
          .run(to, at.toISOString(), staff, id);
        return { call: this.require(id), changed: true };
      })
      .immediate();
  }

  get(id: string): StaffCallRow | null {
    const r = this.db.prepare('SELECT * FROM staff_calls WHERE id = ?').get(id) as DbCall | undefined;
    return r ? toRow(r) : null;
  }

  require(id: string): StaffCallRow {
    const c = this.get(id);
    if (!c)
      throw new EngineError('not-found', `no staff call ${id}`, { stage: 'store', detail: { callId: id } });
    return c;
  }

  /** Open calls first, then the most recent closed ones; newest first within each. */
  list(limit = 50): StaffCallRow[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM staff_calls ORDER BY CASE WHEN state = 'closed' THEN 1 ELSE 0 END, raised_at DESC, rowid DESC LIMIT ?",
        )
        .all(limit) as DbCall[]
    ).map(toRow);
  }

  /** Calls raised at or after `since` (ISO time), for the day's totals. */
  countSince(since: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM staff_calls WHERE raised_at >= ?').get(since) as {
        n: number;
      }
    ).n;
  }
}
