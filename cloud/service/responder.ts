import type { MqttClient } from 'mqtt';
import type { JobResponse } from '../../engine/contracts/mqtt.ts';
import type { Logger } from '../../engine/log/logger.ts';
import { encodeResponse, type CodecLimits } from '../../engine/protocol/job-codec.ts';
import type { JobRecord } from '../store/job-store.ts';

/**
 * Publishes responses (QoS 1) to a device's response topic. Publishing never blocks the handler that
 * acks the request: a lost response is covered by the kiosk's reconcile, which replays from the store.
 */
export class Responder {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly client: MqttClient,
    private readonly limits: CodecLimits,
    private readonly log: Logger,
  ) {}

  send(deviceId: string, responseTopic: string, response: JobResponse): void {
    const msg = encodeResponse(deviceId, response, { ...this.limits, responseTopic });
    if (!msg.ok) {
      this.log.error('response not encodable', { jobId: response.jobId, deviceId, reason: msg.error.message });
      return;
    }
    const p = this.client
      .publishAsync(msg.value.topic, msg.value.payload, msg.value.options)
      .then(() => undefined)
      .catch((err: Error) => this.log.warn('response publish failed; the kiosk will reconcile', { jobId: response.jobId, deviceId, err: err.message }))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Replays a stored job's outcome (result, terminal error) or says it is still running. */
  replay(record: JobRecord, responseTopic = record.responseTopic): void {
    this.send(record.deviceId, responseTopic, responseFor(record));
  }

  /** Waits for publishes in flight (clean shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

/** The response a stored job calls for: its result, its terminal error, or `accepted` while pending. */
export function responseFor(record: JobRecord): JobResponse {
  if (record.state === 'done' && record.result) {
    const r: JobResponse = { status: 'result', jobId: record.jobId, kind: record.kind, text: record.result.text, model: record.result.model };
    if (record.result.meetingId) r.meetingId = record.result.meetingId;
    return r;
  }
  if (record.state === 'failed' && record.error) {
    return { status: 'error', jobId: record.jobId, code: record.error.code, message: record.error.message, retryable: false };
  }
  return { status: 'accepted', jobId: record.jobId };
}
