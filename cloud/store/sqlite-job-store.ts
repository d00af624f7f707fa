import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobErrorCode } from '../../engine/contracts/mqtt.ts';
import { checkIdentifier, classifyExisting, type ClaimInput, type ClaimOutcome, type CompleteOutcome, type Completion, type JobRecord, type JobStore, type StoredJobState } from './job-store.ts';

interface Row {
  job_id: string;
  device_id: string;
  kind: string;
  content_hash: string;
  request: string | null;
  response_topic: string;
  state: string;
  owner: string | null;
  lease_until: number | null;
  attempts: number;
  result_text: string | null;
  result_model: string | null;
  meeting_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
}

/** Maps a row of either store to a JobRecord. */
export function rowToRecord(r: Row): JobRecord {
  return {
    jobId: r.job_id,
    deviceId: r.device_id,
    kind: r.kind as JobRecord['kind'],
    contentHash: r.content_hash,
    request: r.request ? (JSON.parse(r.request) as JobRecord['request']) : null,
    responseTopic: r.response_topic,
    state: r.state as StoredJobState,
    owner: r.owner,
    leaseUntil: r.lease_until === null ? null : Number(r.lease_until),
    attempts: Number(r.attempts),
    result: r.result_text !== null ? { text: r.result_text, model: r.result_model ?? '', meetingId: r.meeting_id } : null,
    error: r.error_code !== null ? { code: r.error_code as JobErrorCode, message: r.error_message ?? '' } : null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
export type { Row as JobRow };

/**
 * The single-worker default: one SQLite file, WAL with synchronous=FULL so a claim or result that was
 * committed survives a power cut (better-sqlite3 would otherwise run a reopened WAL db at NORMAL).
 */
export class SqliteJobStore implements JobStore {
  readonly name = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly t: string;
  // Prepared once per SQL text: preparing on every call showed up in the bench profile.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string, opts: { tablePrefix?: string } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.t = `${checkIdentifier(opts.tablePrefix ?? 'summarizer_', 'table prefix')}jobs`;
  }

  async init(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.t} (
      job_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, kind TEXT NOT NULL, content_hash TEXT NOT NULL,
      request TEXT, response_topic TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending','done','failed')),
      owner TEXT, lease_until INTEGER, attempts INTEGER NOT NULL DEFAULT 1,
      result_text TEXT, result_model TEXT, meeting_id TEXT, error_code TEXT, error_message TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`);
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${this.t}_pending ON ${this.t} (state, lease_until)`);
  }

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** The effective synchronous level (2 = FULL), for the durability test. */
  synchronousLevel(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  async claimMany(inputs: ClaimInput[], workerId: string, leaseMs: number, now = Date.now()): Promise<ClaimOutcome[]> {
    const insert = this.stmt(
      `INSERT INTO ${this.t} (job_id, device_id, kind, content_hash, request, response_topic, state, owner, lease_until, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, 1, ?, ?) ON CONFLICT (job_id) DO NOTHING RETURNING *`,
    );
    const select = this.stmt(`SELECT * FROM ${this.t} WHERE job_id = ?`);
    const takeover = this.stmt(
      `UPDATE ${this.t} SET owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE job_id = ? AND state = 'pending' AND (owner IS NULL OR lease_until IS NULL OR lease_until <= ?) RETURNING *`,
    );
    const run = this.db.transaction((): ClaimOutcome[] =>
      inputs.map(({ request: r, responseTopic }) => {
        const inserted = insert.get(r.jobId, r.deviceId, r.kind, r.contentHash, JSON.stringify(r), responseTopic, workerId, now + leaseMs, now, now) as Row | undefined;
        // The row holds the request just written: hand back the object itself instead of re-parsing its JSON.
        if (inserted) return { kind: 'claimed', record: { ...rowToRecord({ ...inserted, request: null }), request: r }, takenOver: false };
        const existing = rowToRecord(select.get(r.jobId) as Row);
        const verdict = classifyExisting(existing, r.contentHash, now);
        if (verdict !== 'takeable') return { kind: verdict, record: existing };
        const taken = takeover.get(workerId, now + leaseMs, now, r.jobId, now) as Row | undefined;
        return taken ? { kind: 'claimed', record: rowToRecord(taken), takenOver: true } : { kind: 'in-progress', record: existing };
      }),
    );
    return run.immediate();
  }

  async completeMany(completions: Completion[], now = Date.now()): Promise<CompleteOutcome[]> {
    const done = this.stmt(
      `UPDATE ${this.t} SET state = 'done', result_text = ?, result_model = ?, meeting_id = ?, request = NULL, owner = NULL, lease_until = NULL, updated_at = ?
       WHERE job_id = ? AND state = 'pending' RETURNING *`,
    );
    const failed = this.stmt(
      `UPDATE ${this.t} SET state = 'failed', error_code = ?, error_message = ?, request = NULL, owner = NULL, lease_until = NULL, updated_at = ?
       WHERE job_id = ? AND state = 'pending' RETURNING *`,
    );
    const select = this.stmt(`SELECT * FROM ${this.t} WHERE job_id = ?`);
    const run = this.db.transaction((): CompleteOutcome[] =>
      completions.map((c) => {
        const row = (c.type === 'result' ? done.get(c.text, c.model, c.meetingId, now, c.jobId) : failed.get(c.code, c.message, now, c.jobId)) as Row | undefined;
        if (row) return { stored: true, record: rowToRecord(row) };
        const existing = select.get(c.jobId) as Row | undefined;
        if (!existing) throw new RangeError(`job ${c.jobId} was never claimed`);
        return { stored: false, record: rowToRecord(existing) };
      }),
    );
    return run.immediate();
  }

  async release(jobIds: string[], workerId: string): Promise<void> {
    const stmt = this.stmt(`UPDATE ${this.t} SET owner = NULL, lease_until = NULL WHERE job_id = ? AND state = 'pending' AND owner = ?`);
    this.db.transaction(() => jobIds.forEach((id) => stmt.run(id, workerId)))();
  }

  async renew(jobIds: string[], workerId: string, leaseMs: number, now = Date.now()): Promise<void> {
    const stmt = this.stmt(`UPDATE ${this.t} SET lease_until = ? WHERE job_id = ? AND state = 'pending' AND owner = ?`);
    this.db.transaction(() => jobIds.forEach((id) => stmt.run(now + leaseMs, id, workerId)))();
  }

  async get(jobIds: string[]): Promise<Map<string, JobRecord>> {
    const stmt = this.stmt(`SELECT * FROM ${this.t} WHERE job_id = ?`);
    const out = new Map<string, JobRecord>();
    for (const id of jobIds) {
      const row = stmt.get(id) as Row | undefined;
      if (row) out.set(id, rowToRecord(row));
    }
    return out;
  }

  async takeOverExpired(workerId: string, leaseMs: number, limit: number, now = Date.now()): Promise<JobRecord[]> {
    const stmt = this.stmt(
      `UPDATE ${this.t} SET owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE job_id IN (SELECT job_id FROM ${this.t} WHERE state = 'pending' AND (owner IS NULL OR lease_until IS NULL OR lease_until <= ?) ORDER BY created_at LIMIT ?)
       RETURNING *`,
    );
    return (this.db.transaction(() => stmt.all(workerId, now + leaseMs, now, now, limit) as Row[]).immediate()).map(rowToRecord);
  }

  async counts(): Promise<Record<StoredJobState, number>> {
    const out: Record<StoredJobState, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of this.stmt(`SELECT state, COUNT(*) AS n FROM ${this.t} GROUP BY state`).all() as { state: StoredJobState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
