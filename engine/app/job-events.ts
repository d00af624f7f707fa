import type { OutboxJob } from '../store/summary-outbox.ts';
import type { EventBus } from '../pipeline/event-bus.ts';

/** Publishes a job's state so the UI's outbox view and "offline, N queued" banner update live. */
export function publishJob(ctx: { bus: EventBus }, job: OutboxJob): void {
  const e = {
    type: 'job' as const,
    correlationId: job.jobId,
    atMs: ctx.bus.now(),
    jobId: job.jobId,
    kind: job.kind,
    state: job.state,
    attempts: job.attempts,
  };
  ctx.bus.publish(job.lastError ? { ...e, lastError: job.lastError } : e);
}

