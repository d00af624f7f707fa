import type { CloudJobKind as JobKind } from '../../engine/contracts/events.ts';
import type { JobErrorCode, JobRequest } from '../../engine/contracts/mqtt.ts';

/**
 * Where the summarizer keeps its claim on each job and the result it produced, so it is idempotent by
 * job id across restarts and across workers: a resent job replays the stored result, a worker killed
 * mid-job leaves a pending claim whose lease another worker (or its own restart) takes over.
 */
export type StoredJobState = 'pending' | 'done' | 'failed';

export interface JobRecord {
  jobId: string;
  deviceId: string;
  kind: JobKind;
  contentHash: string;
  /** The request as received; dropped once the job is finished (the cloud keeps no transcripts). */
  request: Extract<JobRequest, { op: 'job' }> | null;
  responseTopic: string;
  state: StoredJobState;
  /** The worker whose lease is live, null when nobody runs it. */
  owner: string | null;
  leaseUntil: number | null;
  /** Times the job was claimed (first claim and every takeover). */
  attempts: number;
  result: { text: string; model: string; meetingId: string | null } | null;
  error: { code: JobErrorCode; message: string } | null;
  createdAt: number;
  updatedAt: number;
}

export interface ClaimInput {
  request: Extract<JobRequest, { op: 'job' }>;
  responseTopic: string;
}

export type ClaimOutcome =
  /** New, or a pending job nobody holds: the caller now owns it and must run it. */
  | { kind: 'claimed'; record: JobRecord; takenOver: boolean }
  /** Another live lease holds it: answer `accepted`, do not run it twice. */
  | { kind: 'in-progress'; record: JobRecord }
  | { kind: 'done'; record: JobRecord }
  | { kind: 'failed'; record: JobRecord }
  /** Same job id, different content hash: the stored job is untouched. */
  | { kind: 'conflict'; record: JobRecord };

export type Completion =
  | { jobId: string; type: 'result'; text: string; model: string; meetingId: string | null }
  | { jobId: string; type: 'failed'; code: JobErrorCode; message: string };

export interface CompleteOutcome {
  /** False when the job was already finished (by another worker): `record` holds the first outcome. */
  stored: boolean;
  record: JobRecord;
}

export interface JobStore {
  readonly name: 'sqlite' | 'postgres';
  init(): Promise<void>;
  /** Claims several jobs in ONE durable transaction (group commit); outcomes match inputs by index. */
  claimMany(inputs: ClaimInput[], workerId: string, leaseMs: number, now?: number): Promise<ClaimOutcome[]>;
  /** Stores final outcomes in ONE durable transaction; the first outcome stored for a job wins. */
  completeMany(completions: Completion[], now?: number): Promise<CompleteOutcome[]>;
  /** Gives back pending jobs after a retryable failure so the next resend runs them at once. */
  release(jobIds: string[], workerId: string): Promise<void>;
  /** Extends the lease of jobs still running. */
  renew(jobIds: string[], workerId: string, leaseMs: number, now?: number): Promise<void>;
  get(jobIds: string[]): Promise<Map<string, JobRecord>>;
  /** Claims pending jobs whose lease expired (their worker died): the restart/takeover path. */
  takeOverExpired(workerId: string, leaseMs: number, limit: number, now?: number): Promise<JobRecord[]>;
  /** Counts by state, for metrics and tests. */
  counts(): Promise<Record<StoredJobState, number>>;
  close(): Promise<void>;
}

/** Validates a table prefix / schema name before it is spliced into SQL. */
export function checkIdentifier(name: string, what: string): string {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name)) throw new RangeError(`${what} '${name}' must match [a-z_][a-z0-9_]{0,40}`);
  return name;
}

/** Decides what a claim attempt on an existing row means; shared so both stores behave the same. */
export function classifyExisting(record: JobRecord, contentHash: string, now: number): 'conflict' | 'done' | 'failed' | 'in-progress' | 'takeable' {
  if (record.contentHash !== contentHash) return 'conflict';
  if (record.state === 'done') return 'done';
  if (record.state === 'failed') return 'failed';
  if (record.owner !== null && record.leaseUntil !== null && record.leaseUntil > now) return 'in-progress';
  return 'takeable';
}
