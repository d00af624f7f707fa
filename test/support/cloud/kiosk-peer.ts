import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { JobRequest, JobResponse } from '../../../engine/contracts/mqtt.ts';
import { decodeResponse, encodeRequest, jobContentHash } from '../../../engine/protocol/job-codec.ts';

export const BROKER_URL = process.env.VOICE_KIOSK_TEST_MQTT ?? 'mqtt://127.0.0.1:1883';

type Job = Extract<JobRequest, { op: 'job' }>;

/**
 * Test peer for the summarizer: a real mqtt.js v5 client speaking the job protocol as a kiosk does
 * (through the shared job codec), with a unique device id, collecting every response it receives.
 */
export class KioskPeer {
  readonly responses: JobResponse[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    readonly client: MqttClient,
    readonly deviceId: string,
  ) {}

  static async connect(prefix = 'peer', deviceIdOverride?: string): Promise<KioskPeer> {
    const deviceId = deviceIdOverride ?? `${prefix}-${randomBytes(4).toString('hex')}`;
    const client = await mqtt.connectAsync(BROKER_URL, { protocolVersion: 5, clientId: deviceId, clean: true, reconnectPeriod: 0 });
    const peer = new KioskPeer(client, deviceId);
    client.on('message', (topic, payload, packet) => {
      const d = decodeResponse({ topic, payload, properties: packet.properties }, { maxPayloadBytes: 8 * 1024 * 1024, expectDeviceId: deviceId });
      if (!d.ok) throw new Error(`peer got an invalid response: ${d.error.message}`);
      peer.responses.push(d.value.response);
      for (const w of peer.waiters.splice(0)) w();
    });
    await client.subscribeAsync(`kiosk/v1/${deviceId}/res`, { qos: 1 });
    return peer;
  }

  /** A summarize job with a correct content hash. */
  job(jobId: string, transcript: string, meetingId = `m-${jobId}`): Job {
    const payload = { meetingId, title: 'Staff meeting', transcript };
    return { op: 'job', jobId, deviceId: this.deviceId, kind: 'summarize', contentHash: jobContentHash('summarize', payload), createdAt: new Date().toISOString(), payload };
  }

  async send(request: JobRequest, opts: { compressAboveBytes?: number } = {}): Promise<void> {
    const m = encodeRequest(request, { maxPayloadBytes: 8 * 1024 * 1024, compressAboveBytes: opts.compressAboveBytes ?? 16 * 1024 });
    if (!m.ok) throw new Error(m.error.message);
    await this.client.publishAsync(m.value.topic, m.value.payload, m.value.options);
  }

  /** Publishes raw bytes on this device's request topic (bad-input tests). */
  async sendRaw(payload: Buffer, props: { jobId?: string; schema?: string; contentType?: string } = {}): Promise<void> {
    const properties: Record<string, unknown> = { userProperties: { schema: props.schema ?? 'kiosk.job/1' } };
    if (props.jobId) properties.correlationData = Buffer.from(props.jobId);
    if (props.contentType) properties.contentType = props.contentType;
    await this.client.publishAsync(`kiosk/v1/${this.deviceId}/req`, payload, { qos: 1, properties });
  }

  of(jobId: string, status?: JobResponse['status']): JobResponse[] {
    return this.responses.filter((r) => r.jobId === jobId && (!status || r.status === status));
  }

  /** Resolves when `pred` holds over the responses received so far; rejects after timeoutMs. */
  async waitFor(pred: (rs: JobResponse[]) => boolean, timeoutMs = 15_000, what = 'responses'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.responses)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.responses.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

/** A meeting transcript with enough sentences for TextRank to choose from; `seed` varies the content. */
export function meetingTranscript(seed: number, sentences = 24): string {
  const topics = ['the spring sale', 'the garden tools order', 'weekend staff hours', 'the broken coffee machine', 'the loyalty card launch', 'the new shelf layout'];
  const people = ['Anna', 'Ben', 'Carla', 'Dev', 'Emma'];
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const t = topics[(seed + i) % topics.length]!;
    const p = people[(seed * 7 + i) % people.length]!;
    out.push(
      i % 3 === 0
        ? `${p} said that ${t} needs a decision by Friday, item ${seed}-${i}.`
        : i % 3 === 1
          ? `We agreed that ${p} will follow up on ${t} with the supplier.`
          : `Someone asked whether ${t} affects the budget for week ${(seed + i) % 52}.`,
    );
  }
  return out.join(' ');
}
