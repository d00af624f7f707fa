import type { JobRequest } from '../../engine/contracts/mqtt.ts';
import { faultPoint } from '../../engine/faults/fault-point.ts';
import type { Logger } from '../../engine/log/logger.ts';
import type { DecodedRequest } from '../../engine/protocol/job-codec.ts';
import type { ClaimOutcome, JobStore } from '../store/job-store.ts';
import type { ClaimedJob } from './batch-runner.ts';
import type { SummarizerMetrics } from './metrics.ts';
import type { Responder } from './responder.ts';

export interface HandlerDeps {
  store: JobStore;
  responder: Responder;
  metrics: SummarizerMetrics;
  log: Logger;
  workerId: string;
  leaseMs: number;
  enqueue(job: ClaimedJob): void;
}

/**
 * One handler per request kind behind a thin dispatcher (MQTT.js handlers/index.ts). A handler resolves
 * once everything that must be durable before the PUBACK is durable; responses go out asynchronously.
 */
export type RequestHandler<Op extends JobRequest['op']> = (msg: DecodedRequest & { request: Extract<JobRequest, { op: Op }> }, deps: HandlerDeps) => Promise<void>;

/** `job`: claim durably (the caller acks after this resolves), then run it, replay it, or refuse it. */
export const handleJob: RequestHandler<'job'> = async (msg, deps) => {
  const { request } = msg;
  const [outcome] = await deps.store.claimMany([{ request, responseTopic: msg.responseTopic }], deps.workerId, deps.leaseMs);
  faultPoint('cloud.after-claim-before-puback');
  respondToClaim(msg, outcome!, deps);
};

/** After the claim is durable (and the request acked): run the job, replay its outcome, or refuse it. */
export function respondToClaim(msg: DecodedRequest & { request: Extract<JobRequest, { op: 'job' }> }, outcome: ClaimOutcome, deps: HandlerDeps): void {
  const { request } = msg;
  const log = deps.log.child({ jobId: request.jobId, deviceId: msg.deviceId });
  if (outcome.record.deviceId !== msg.deviceId) {
    // A job id is owned by the device that first sent it; another device must not read or replace it.
    deps.metrics.jobs.inc({ outcome: 'conflict' });
    log.warn('job id already belongs to another device');
    deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'error', jobId: request.jobId, code: 'conflict', message: `job id ${request.jobId} is already in use`, retryable: false });
    return;
  }
  switch (outcome.kind) {
    case 'claimed':
      deps.metrics.jobs.inc({ outcome: outcome.takenOver ? 'reclaimed' : 'claimed' });
      deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'accepted', jobId: request.jobId });
      deps.enqueue({ request, responseTopic: msg.responseTopic, receivedAt: Date.now() });
      return;
    case 'in-progress':
      deps.metrics.jobs.inc({ outcome: 'duplicate-in-progress' });
      deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'accepted', jobId: request.jobId });
      return;
    case 'done':
    case 'failed':
      deps.metrics.jobs.inc({ outcome: 'replayed' });
      log.info('duplicate job: replaying stored outcome', { state: outcome.kind });
      deps.responder.replay(outcome.record, msg.responseTopic);
      return;
    case 'conflict':
      deps.metrics.jobs.inc({ outcome: 'conflict' });
      log.warn('job id reused with different content', { stored: outcome.record.contentHash, got: request.contentHash });
      deps.responder.send(msg.deviceId, msg.responseTopic, {
        status: 'error',
        jobId: request.jobId,
        code: 'conflict',
        message: `job ${request.jobId} was already received with different content (hash ${outcome.record.contentHash.slice(0, 12)}…)`,
        retryable: false,
      });
  }
}

/** `reconcile`: for each id the kiosk waits on, replay the stored outcome or say `unknown` so it resends. */
export const handleReconcile: RequestHandler<'reconcile'> = async (msg, deps) => {
  const ids = [...new Set(msg.request.jobIds)];
  const records = await deps.store.get(ids);
  const now = Date.now();
  let replayed = 0;
  for (const id of ids) {
    const r = records.get(id);
    // Another device's job id must not leak its result: treat it as never seen.
    if (!r || r.deviceId !== msg.deviceId) {
      deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'unknown', jobId: id });
      continue;
    }
    const live = r.state === 'pending' && r.owner !== null && r.leaseUntil !== null && r.leaseUntil > now;
    if (r.state === 'pending' && !live) {
      // Nobody runs it (released after a backend error): a resend lets a worker claim it again.
      deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'unknown', jobId: id });
      continue;
    }
    replayed += r.state === 'pending' ? 0 : 1;
    deps.responder.replay(r, msg.responseTopic);
  }
  deps.metrics.jobs.inc({ outcome: 'reconciled' }, ids.length);
  deps.log.info('reconcile', { deviceId: msg.deviceId, ids: ids.length, replayed });
};

const handlers: { [Op in JobRequest['op']]: RequestHandler<Op> } = { job: handleJob, reconcile: handleReconcile };

/** Routes a decoded request to the handler for its `op`. */
export function dispatchRequest(msg: DecodedRequest, deps: HandlerDeps): Promise<void> {
  const handler = handlers[msg.request.op] as RequestHandler<JobRequest['op']>;
  return handler(msg as DecodedRequest & { request: never }, deps);
}
