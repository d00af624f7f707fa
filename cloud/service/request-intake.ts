import type { IPublishPacket } from 'mqtt';
import type { JobRequest } from '../../engine/contracts/mqtt.ts';
import { faultPoint } from '../../engine/faults/fault-point.ts';
import type { CodecResult, DecodedRequest } from '../../engine/protocol/job-codec.ts';
import type { ClaimOutcome } from '../store/job-store.ts';
import { dispatchRequest, respondToClaim, type HandlerDeps } from './message-handlers.ts';

type JobMsg = DecodedRequest & { request: Extract<JobRequest, { op: 'job' }> };

export interface IntakeOptions {
  /** How long the first request of a group waits for others before the group's claims are committed. */
  windowMs: number;
  maxGroup: number;
  decode(packet: IPublishPacket): CodecResult<DecodedRequest>;
  /** Answers a request that failed to decode (never stored). */
  reject(error: Extract<CodecResult<DecodedRequest>, { ok: false }>['error'], packet: IPublishPacket): void;
  /** Sends the PUBACK of a request received on the current connection. */
  ack(packet: IPublishPacket, generation: number): void;
  deps(): HandlerDeps;
  onError(err: unknown): void;
}

/**
 * Group commit of incoming requests. mqtt.js handles one PUBLISH at a time and sends its PUBACK when
 * the handler finishes, so "claim durably, then ack" would cost one fsync per request. Instead the
 * handler defers the ack: requests gather for a few ms, their claims are committed in ONE transaction,
 * then the PUBACKs go out in arrival order (MQTT-4.6.0-2). A kill before the commit leaves the
 * requests unacked (the kiosk resends); a kill after it leaves durable claims that a worker takes over.
 */
export class RequestIntake {
  private queue: Array<{ packet: IPublishPacket; generation: number }> = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: IntakeOptions) {}

  push(packet: IPublishPacket, generation: number): void {
    this.queue.push({ packet, generation });
    if (this.queue.length >= this.opts.maxGroup) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.opts.windowMs);
  }

  /** Commits what is queued; groups run one after another so acks stay in arrival order. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const group = this.queue.splice(0);
    this.chain = this.chain.then(() => this.commit(group)).catch((err) => this.opts.onError(err));
  }

  async drain(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private async commit(group: Array<{ packet: IPublishPacket; generation: number }>): Promise<void> {
    const deps = this.opts.deps();
    const decoded = group.map((g) => this.opts.decode(g.packet));
    const jobs: JobMsg[] = [];
    for (const d of decoded) if (d.ok && d.value.request.op === 'job') jobs.push(d.value as JobMsg);
    let claims: ClaimOutcome[] | null = null;
    let claimError: Error | null = null;
    if (jobs.length > 0) {
      try {
        claims = await deps.store.claimMany(
          jobs.map((j) => ({ request: j.request, responseTopic: j.responseTopic })),
          deps.workerId,
          deps.leaseMs,
        );
      } catch (err) {
        claimError = err as Error;
      }
      faultPoint('cloud.after-claim-before-puback');
      if (claims) deps.metrics.claimCommit.observe(jobs.length);
    }
    // Acks in arrival order; a job whose claim did not commit stays unacked.
    group.forEach((g, i) => {
      const d = decoded[i]!;
      const unclaimedJob = claimError && d.ok && d.value.request.op === 'job';
      if (!unclaimedJob) this.opts.ack(g.packet, g.generation);
    });
    let j = 0;
    for (let i = 0; i < group.length; i++) {
      const d = decoded[i]!;
      if (!d.ok) {
        this.opts.reject(d.error, group[i]!.packet);
        continue;
      }
      if (d.value.request.op !== 'job') {
        await dispatchRequest(d.value, deps);
        continue;
      }
      const msg = d.value as JobMsg;
      const claim = claims?.[j++];
      if (claim) {
        respondToClaim(msg, claim, deps);
      } else {
        deps.log.error('claim commit failed; request left unacked for a resend', { jobId: msg.request.jobId, err: claimError?.message });
        deps.responder.send(msg.deviceId, msg.responseTopic, { status: 'error', jobId: msg.request.jobId, code: 'backend', message: `job store unavailable: ${claimError?.message}`, retryable: true });
      }
    }
  }
}
