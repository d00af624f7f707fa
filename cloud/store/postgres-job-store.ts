import pg from 'pg';
import { checkIdentifier, classifyExisting, type ClaimInput, type ClaimOutcome, type CompleteOutcome, type Completion, type JobRecord, type JobStore, type StoredJobState } from './job-store.ts';
import { rowToRecord, type JobRow } from './sqlite-job-store.ts';

// Serialization failures and deadlocks are safe to retry: the transaction left nothing behind.
const RETRYABLE_SQLSTATE = new Set(['40001', '40P01']);

/**
 * The multi-worker store: every worker on the shared subscription points at one PostgreSQL database,
 * so dedupe and result replay hold across workers. The claim is INSERT … ON CONFLICT DO NOTHING; a
 * takeover is an UPDATE whose WHERE re-checks the lease, so two workers can never both own a job.
 */
export class PostgresJobStore implements JobStore {
  readonly name = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly t: string;
  private closed = false;

  constructor(connectionString: string, opts: { schema?: string; poolSize?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 4 });
    // An idle client losing its connection must not crash the worker; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.schema = checkIdentifier(opts.schema ?? 'summarizer', 'schema');
    this.t = `${this.schema}.jobs`;
  }

  async init(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.t} (
      job_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, kind TEXT NOT NULL, content_hash TEXT NOT NULL,
      request TEXT, response_topic TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending','done','failed')),
      owner TEXT, lease_until BIGINT, attempts INTEGER NOT NULL DEFAULT 1,
      result_text TEXT, result_model TEXT, meeting_id TEXT, error_code TEXT, error_message TEXT,
      created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`);
    await this.pool.query(`CREATE INDEX IF NOT EXISTS jobs_pending ON ${this.t} (state, lease_until)`);
  }

  /** Drops the schema and everything in it (tests use a schema per run). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async claimMany(inputs: ClaimInput[], workerId: string, leaseMs: number, now = Date.now()): Promise<ClaimOutcome[]> {
    // Rows are locked in job-id order so two workers claiming overlapping batches cannot deadlock.
    const order = inputs.map((_, i) => i).sort((a, b) => (inputs[a]!.request.jobId < inputs[b]!.request.jobId ? -1 : 1));
    return this.tx(async (c) => {
      const out: ClaimOutcome[] = new Array(inputs.length);
      for (const i of order) {
        const { request: r, responseTopic } = inputs[i]!;
        const ins = await c.query<JobRow>(
          `INSERT INTO ${this.t} (job_id, device_id, kind, content_hash, request, response_topic, state, owner, lease_until, attempts, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,'pending',$7,$8,1,$9,$9) ON CONFLICT (job_id) DO NOTHING RETURNING *`,
          [r.jobId, r.deviceId, r.kind, r.contentHash, JSON.stringify(r), responseTopic, workerId, now + leaseMs, now],
        );
        if (ins.rows[0]) {
          out[i] = { kind: 'claimed', record: rowToRecord(ins.rows[0]), takenOver: false };
          continue;
        }
        const sel = await c.query<JobRow>(`SELECT * FROM ${this.t} WHERE job_id = $1`, [r.jobId]);
        const existing = rowToRecord(sel.rows[0]!);
        const verdict = classifyExisting(existing, r.contentHash, now);
        if (verdict !== 'takeable') {
          out[i] = { kind: verdict, record: existing };
          continue;
        }
        const up = await c.query<JobRow>(
          `UPDATE ${this.t} SET owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
           WHERE job_id = $4 AND state = 'pending' AND (owner IS NULL OR lease_until IS NULL OR lease_until <= $3) RETURNING *`,
          [workerId, now + leaseMs, now, r.jobId],
        );
        out[i] = up.rows[0] ? { kind: 'claimed', record: rowToRecord(up.rows[0]), takenOver: true } : { kind: 'in-progress', record: existing };
      }
      return out;
    });
  }

  async completeMany(completions: Completion[], now = Date.now()): Promise<CompleteOutcome[]> {
    const order = completions.map((_, i) => i).sort((a, b) => (completions[a]!.jobId < completions[b]!.jobId ? -1 : 1));
    return this.tx(async (c) => {
      const out: CompleteOutcome[] = new Array(completions.length);
      for (const i of order) {
        const x = completions[i]!;
        const res =
          x.type === 'result'
            ? await c.query<JobRow>(
                `UPDATE ${this.t} SET state = 'done', result_text = $1, result_model = $2, meeting_id = $3, request = NULL, owner = NULL, lease_until = NULL, updated_at = $4
                 WHERE job_id = $5 AND state = 'pending' RETURNING *`,
                [x.text, x.model, x.meetingId, now, x.jobId],
              )
            : await c.query<JobRow>(
                `UPDATE ${this.t} SET state = 'failed', error_code = $1, error_message = $2, request = NULL, owner = NULL, lease_until = NULL, updated_at = $3
                 WHERE job_id = $4 AND state = 'pending' RETURNING *`,
                [x.code, x.message, now, x.jobId],
              );
        if (res.rows[0]) {
          out[i] = { stored: true, record: rowToRecord(res.rows[0]) };
          continue;
        }
        const sel = await c.query<JobRow>(`SELECT * FROM ${this.t} WHERE job_id = $1`, [x.jobId]);
        if (!sel.rows[0]) throw new RangeError(`job ${x.jobId} was never claimed`);
        out[i] = { stored: false, record: rowToRecord(sel.rows[0]) };
      }
      return out;
    });
  }

  async release(jobIds: string[], workerId: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.t} SET owner = NULL, lease_until = NULL WHERE job_id = ANY($1) AND state = 'pending' AND owner = $2`, [jobIds, workerId]);
  }

  async renew(jobIds: string[], workerId: string, leaseMs: number, now = Date.now()): Promise<void> {
    await this.pool.query(`UPDATE ${this.t} SET lease_until = $1 WHERE job_id = ANY($2) AND state = 'pending' AND owner = $3`, [now + leaseMs, jobIds, workerId]);
  }

  async get(jobIds: string[]): Promise<Map<string, JobRecord>> {
    const res = await this.pool.query<JobRow>(`SELECT * FROM ${this.t} WHERE job_id = ANY($1)`, [jobIds]);
    return new Map(res.rows.map((r) => [r.job_id, rowToRecord(r)]));
  }

  async takeOverExpired(workerId: string, leaseMs: number, limit: number, now = Date.now()): Promise<JobRecord[]> {
    // SKIP LOCKED: two workers scanning at once split the expired jobs instead of queueing on each other.
    const res = await this.pool.query<JobRow>(
      `UPDATE ${this.t} SET owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
       WHERE job_id IN (SELECT job_id FROM ${this.t} WHERE state = 'pending' AND (owner IS NULL OR lease_until IS NULL OR lease_until <= $3)
                        ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         AND state = 'pending' AND (owner IS NULL OR lease_until IS NULL OR lease_until <= $3)
       RETURNING *`,
      [workerId, now + leaseMs, now, limit],
    );
    return res.rows.map(rowToRecord);
  }

  async counts(): Promise<Record<StoredJobState, number>> {
    const out: Record<StoredJobState, number> = { pending: 0, done: 0, failed: 0 };
    const res = await this.pool.query<{ state: StoredJobState; n: string }>(`SELECT state, COUNT(*) AS n FROM ${this.t} GROUP BY state`);
    for (const r of res.rows) out[r.state] = Number(r.n);
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async tx<T>(body: (c: pg.PoolClient) => Promise<T>, attempt = 1): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await body(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      if (attempt < 3 && RETRYABLE_SQLSTATE.has((err as { code?: string }).code ?? '')) return this.tx(body, attempt + 1);
      throw err;
    } finally {
      c.release();
    }
  }
}
