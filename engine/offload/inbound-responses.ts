import type { IPublishPacket } from 'mqtt';
import type { JobResponse } from '../contracts/mqtt.ts';
import type { Logger } from '../log/logger.ts';
import type { ResultInbox } from '../store/result-inbox.ts';
import type { OutboxJob, SummaryOutbox } from '../store/summary-outbox.ts';
import { faultPoint } from '../faults/fault-point.ts';
import { decodeResponse, type CodecLimits } from '../protocol/job-codec.ts';
import type { InboundVerdict } from './mqtt-connection.ts';

/** Test-only seams at the delivery boundaries (the fault-injection suite uses real kills instead). */
export interface InboundFaultHooks {
  /** After validation, before the SQLite transaction. */
  beforeCommit?(jobId: string): void;
  /** After the commit, before the PUBACK; returning 'redeliver' drops the connection unacked, like a kill would. */
  afterCommitBeforeAck?(jobId: string): InboundVerdict | void;
}

export interface InboundContext {
  deviceId: string;
  limits: CodecLimits;
  outbox: SummaryOutbox;
  inbox: ResultInbox;
  log: Logger;
  /** When to resend a job after a retryable error, given its attempts so far. */
  resendAt(attempts: number): number;
  now(): number;
  onJobChanged(job: OutboxJob): void;
  onSummaryStored(meetingId: string, jobId: string, text: string): void;
  /** A fuller answer for the shopper interaction `correlationId` was stored. */
  onAnswerStored(correlationId: string, jobId: string, text: string): void;
  /** Ask the relay to publish due jobs soon (after `unknown`). */
  kick(): void;
  faults?: InboundFaultHooks;
}

export type InboundOutcome = 'stored' | 'duplicate' | 'updated' | 'ignored' | 'rejected';

export interface InboundReport {
  verdict: InboundVerdict;
  outcome: InboundOutcome;
  jobId: string | null;
  reason?: string;
}

type Handler<S extends JobResponse['status']> = (
  msg: Extract<JobResponse, { status: S }>,
  ctx: InboundContext,
) => InboundReport;

const ack = (outcome: InboundOutcome, jobId: string | null, reason?: string): InboundReport =>
  reason === undefined ? { verdict: 'ack', outcome, jobId } : { verdict: 'ack', outcome, jobId, reason };

/** Applies a state change, reporting a refused or unknown one as such (never an exception). */
function move(
  ctx: InboundContext,
  jobId: string,
  to: OutboxJob['state'],
  patch: Parameters<SummaryOutbox['transition']>[2],
): InboundReport {
  const before = ctx.outbox.get(jobId);
  if (!before) return ack('rejected', jobId, 'unknown job: not in this kiosk outbox');
  const r = ctx.outbox.transition(jobId, to, patch);
  if (!r) return ack('ignored', jobId, `job is ${before.state}; '${to}' does not apply`);
  if (r.changed || r.job.lastError !== before.lastError) ctx.onJobChanged(r.job);
  return ack('updated', jobId);
}

/** One handler per response status, behind the thin dispatcher below (after MQTT.js handlers/index). */
const handlers: { [S in JobResponse['status']]: Handler<S> } = {
  result(msg, ctx) {
    ctx.faults?.beforeCommit?.(msg.jobId);
    faultPoint('kiosk.handle-message-before-commit');
    const r = ctx.inbox.accept({ jobId: msg.jobId, kind: msg.kind, text: msg.text, model: msg.model });
    faultPoint('kiosk.after-commit-before-puback');
    const verdict = ctx.faults?.afterCommitBeforeAck?.(msg.jobId) ?? 'ack';
    if (r.outcome === 'rejected') return { verdict, outcome: 'rejected', jobId: msg.jobId, reason: r.reason };
    if (r.outcome === 'duplicate') return { verdict, outcome: 'duplicate', jobId: msg.jobId };
    const job = ctx.outbox.get(msg.jobId);
    if (job) ctx.onJobChanged(job);
    if (r.kind === 'summarize' && r.meetingId) ctx.onSummaryStored(r.meetingId, msg.jobId, msg.text);
    if (r.kind === 'answer' && r.correlationId) ctx.onAnswerStored(r.correlationId, msg.jobId, msg.text);
    return { verdict, outcome: 'stored', jobId: msg.jobId };
  },
  accepted(msg, ctx) {
    return move(ctx, msg.jobId, 'accepted', {});
  },
  error(msg, ctx) {
    const reason = `${msg.code}: ${msg.message}`;
    if (!msg.retryable) return move(ctx, msg.jobId, 'failed', { lastError: reason });
    const job = ctx.outbox.get(msg.jobId);
    return move(ctx, msg.jobId, 'pending', {
      lastError: reason,
      nextAttemptAt: ctx.resendAt(job?.attempts ?? 1),
    });
  },
  unknown(msg, ctx) {
    const r = move(ctx, msg.jobId, 'pending', {
      nextAttemptAt: ctx.now(),
      lastError: 'the cloud had no record of the job; resending',
    });
    if (r.outcome === 'updated') ctx.kick();
    return r;
  },
};

/**
 * Validates and applies one response. Anything invalid is rejected with a reason and still acked
 * (a poison message must not be redelivered forever); only a failing SQLite write leads to
 * 'redeliver', via the thrown error reaching MqttConnection.
 */
export function handleInbound(
  packet: Pick<IPublishPacket, 'topic' | 'payload' | 'properties'>,
  ctx: InboundContext,
): InboundReport {
  const decoded = decodeResponse(
    {
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      properties: packet.properties,
    },
    { ...ctx.limits, expectDeviceId: ctx.deviceId },
  );
  if (!decoded.ok) {
    const report = ack('rejected', decoded.error.jobId, `${decoded.error.code}: ${decoded.error.message}`);
    ctx.log.warn('response rejected', { jobId: report.jobId, topic: packet.topic, reason: report.reason });
    return report;
  }
  const msg = decoded.value.response;
  const report = (handlers[msg.status] as Handler<typeof msg.status>)(msg as never, ctx);
  const fields = { jobId: report.jobId, status: msg.status, reason: report.reason ?? null };
  if (report.outcome === 'rejected') ctx.log.warn('response rejected', fields);
  else if (report.outcome === 'duplicate') ctx.log.info('duplicate result ignored', fields);
  else ctx.log.debug(`response ${report.outcome}`, fields);
  return report;
}
