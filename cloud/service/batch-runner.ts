import type { JobRequest, SummarizePayload } from '../../engine/contracts/mqtt.ts';
import { faultPoint } from '../../engine/faults/fault-point.ts';
import type { Logger } from '../../engine/log/logger.ts';
import type { BackendItem, BackendOutcome, SummaryBackend } from '../backends/backend.ts';
import type { Completion, JobStore } from '../store/job-store.ts';
import type { SummarizerMetrics } from './metrics.ts';
import type { Responder } from './responder.ts';

/** A job this worker has claimed and must run. */
export interface ClaimedJob {
  request: Extract<JobRequest, { op: 'job' }>;
  responseTopic: string;
  receivedAt: number;
}

/**
 * Runs one batch: identical requests coalesced into one backend item, one backend call, all final
 * outcomes stored in one transaction, then each job answered with whatever the store holds (so a job
 * another worker finished first is answered with that worker's result, never a second one).
 */
export class BatchRunner {
  /** Jobs inside a running batch, whose leases the service renews. */
  readonly running = new Set<string>();

  constructor(
    private readonly deps: { backend: SummaryBackend; store: JobStore; responder: Responder; metrics: SummarizerMetrics; log: Logger; workerId: string },
  ) {}

  async run(batch: ClaimedJob[]): Promise<void> {
    const { backend, store, responder, metrics, log, workerId } = this.deps;
    const started = Date.now();
    for (const j of batch) {
      metrics.queueWait.observe((started - j.receivedAt) / 1000);
      this.running.add(j.request.jobId);
    }
    metrics.batchSize.observe(batch.length);
    try {
      const groups = new Map<string, ClaimedJob[]>();
      for (const j of batch) {
        const key = `${j.request.kind}:${j.request.contentHash}`;
        const g = groups.get(key);
        if (g) g.push(j);
        else groups.set(key, [j]);
      }
      const items: BackendItem[] = [...groups.values()].map((g) => ({ key: g[0]!.request.contentHash, kind: g[0]!.request.kind, payload: g[0]!.request.payload }));
      metrics.backendItems.observe(items.length);
      metrics.coalesced.inc(batch.length - items.length);

      const t0 = performance.now();
      let outcomes: BackendOutcome[];
      try {
        metrics.backendCalls.inc({ backend: backend.name });
        const call = backend.runBatch(items);
        faultPoint('cloud.during-backend'); // the backend call is in flight
        outcomes = await call;
        if (outcomes.length !== items.length) throw new Error(`backend returned ${outcomes.length} outcomes for ${items.length} items`);
      } catch (err) {
        const message = `${backend.name} backend failed: ${(err as Error).message}`;
        outcomes = items.map(() => ({ ok: false, code: 'backend', message, retryable: true }));
      }
      metrics.backendLatency.observe({ backend: backend.name }, (performance.now() - t0) / 1000);

      const completions: Completion[] = [];
      const retry: ClaimedJob[] = [];
      [...groups.values()].forEach((group, i) => {
        const o = outcomes[i]!;
        if (o.ok) metrics.observeCost(o.tokens);
        for (const j of group) {
          if (o.ok) {
            const meetingId = j.request.kind === 'summarize' ? (j.request.payload as SummarizePayload).meetingId : null;
            completions.push({ jobId: j.request.jobId, type: 'result', text: o.text, model: o.model, meetingId });
          } else if (!o.retryable) {
            completions.push({ jobId: j.request.jobId, type: 'failed', code: o.code, message: o.message });
          } else {
            retry.push(j);
            // Not stored: the kiosk's resend will claim it again and retry the backend.
            responder.send(j.request.deviceId, j.responseTopic, { status: 'error', jobId: j.request.jobId, code: o.code, message: o.message, retryable: true });
            metrics.jobs.inc({ outcome: 'retryable-error' });
            log.warn('backend error, job released for retry', { jobId: j.request.jobId, reason: o.message });
          }
        }
      });
      if (retry.length) await store.release(retry.map((j) => j.request.jobId), workerId);
      if (completions.length === 0) return;
      faultPoint('cloud.before-store');
      const stored = await store.completeMany(completions);
      faultPoint('cloud.after-store');
      stored.forEach((s, i) => {
        const job = batch.find((j) => j.request.jobId === completions[i]!.jobId)!;
        if (s.stored) metrics.stored.inc();
        metrics.jobs.inc({ outcome: s.record.state === 'done' ? 'result' : 'failed' });
        responder.replay(s.record, job.responseTopic);
      });
    } finally {
      for (const j of batch) this.running.delete(j.request.jobId);
    }
  }
}
