import mqtt, { type MqttClient } from 'mqtt';
import type { JobResponse } from '../../../engine/contracts/mqtt.ts';
import { decodeRequest, encodeResponse, type DecodedRequest, type InboundMessage } from '../../../engine/protocol/job-codec.ts';

export interface ReceivedRequest {
  decoded: DecodedRequest | null;
  error: string | null;
  raw: InboundMessage;
}

/**
 * A real MQTT v5 protocol peer for kiosk tests: subscribes to one device's request topic, decodes
 * with the shared codec, and answers through `respond` (which the test scripts). It is NOT the cloud
 * summarizer — it computes no summaries — so tests using it say so.
 */
export class CloudPeer {
  readonly requests: ReceivedRequest[] = [];
  respond: (req: DecodedRequest, peer: CloudPeer) => JobResponse[] = () => [];

  private constructor(
    private readonly client: MqttClient,
    readonly deviceId: string,
    private readonly maxPayloadBytes: number,
  ) {}

  static async connect(url: string, deviceId: string, maxPayloadBytes = 4 * 1024 * 1024): Promise<CloudPeer> {
    const client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      clientId: `peer-${deviceId}-${process.pid}`,
      reconnectPeriod: 0,
    });
    const peer = new CloudPeer(client, deviceId, maxPayloadBytes);
    client.on('message', (topic, payload, packet) => {
      const raw = { topic, payload, properties: packet.properties };
      const r = decodeRequest(raw, { maxPayloadBytes });
      peer.requests.push({ decoded: r.ok ? r.value : null, error: r.ok ? null : r.error.message, raw });
      // A reply racing the peer's own shutdown is not a test failure.
      if (r.ok) for (const res of peer.respond(r.value, peer)) peer.send(res).catch(() => undefined);
    });
    await client.subscribeAsync(`kiosk/v1/${deviceId}/req`, { qos: 1 });
    return peer;
  }

  /** Publishes a well-formed response to the device. */
  async send(res: JobResponse, opts: { compressAboveBytes?: number } = {}): Promise<void> {
    const enc = encodeResponse(this.deviceId, res, { maxPayloadBytes: this.maxPayloadBytes, ...opts });
    if (!enc.ok) throw new Error(enc.error.message);
    await this.client.publishAsync(enc.value.topic, enc.value.payload, enc.value.options);
  }

  /** Publishes arbitrary bytes/properties to any topic (for bad-input tests). */
  async sendRaw(
    topic: string,
    payload: Buffer | string,
    properties: Record<string, unknown> = {},
  ): Promise<void> {
    await this.client.publishAsync(topic, payload, { qos: 1, properties });
  }

  jobs(): DecodedRequest[] {
    return this.requests.flatMap((r) => (r.decoded && r.decoded.request.op === 'job' ? [r.decoded] : []));
  }

  reconciles(): string[][] {
    return this.requests.flatMap((r) =>
      r.decoded && r.decoded.request.op === 'reconcile' ? [r.decoded.request.jobIds] : [],
    );
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Polls until `check` returns a truthy value or the time is up (then throws with `what`). */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
