import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { z } from 'zod';
import type { JobKind } from '../contracts/events.ts';
import { PROTOCOL_SCHEMA, topics, type JobErrorCode, type JobRequest, type JobResponse } from '../contracts/mqtt.ts';

/**
 * Encode/decode of job protocol messages, shared by the kiosk (engine/offload) and the cloud
 * summarizer (cloud/) so both sides agree byte for byte on compression, size limits and validation.
 *
 * Wire rules (docs/protocol.md has the prose):
 * - body is UTF-8 JSON; above `compressAboveBytes` it is gzip'd and `contentType` says
 *   `application/json+gzip`. The decoder also recognises the gzip magic bytes, because JSON can never
 *   start with 0x1f and a missing property must not turn into a parse error;
 * - the limit applies to the bytes on the wire AND to the inflated body (gzip bomb guard);
 * - correlationData = job id (UTF-8); userProperties {schema, attempt, contentHash} on requests.
 */
export const JSON_CONTENT_TYPE = 'application/json';
export const GZIP_CONTENT_TYPE = 'application/json+gzip';

export interface CodecLimits {
  /** Reject bodies larger than this, compressed or inflated. */
  maxPayloadBytes: number;
  /** Compress bodies larger than this. */
  compressAboveBytes?: number;
}

/** A message as mqtt.js hands it to `handleMessage` / the `message` event. */
export interface InboundMessage {
  topic: string;
  payload: Buffer | Uint8Array;
  properties?: IPublishPacket['properties'];
}

export interface OutboundMessage {
  topic: string;
  payload: Buffer;
  options: IClientPublishOptions;
}

/** Why a message was rejected, with whatever ids could still be read so the sender can be told. */
export interface CodecError {
  code: JobErrorCode;
  message: string;
  jobId: string | null;
  deviceId: string | null;
  responseTopic: string | null;
}

export type CodecResult<T> = { ok: true; value: T } | { ok: false; error: CodecError };

export interface DecodedRequest {
  request: JobRequest;
  deviceId: string;
  /** Where to answer: the request's responseTopic, else kiosk/v1/{deviceId}/res. */
  responseTopic: string;
  /** Set for `op: 'job'` (= correlationData); null for reconcile. */
  jobId: string | null;
  attempt: number;
  wireBytes: number;
}

export interface DecodedResponse {
  response: JobResponse;
  deviceId: string;
  jobId: string;
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const DEVICE = /^[A-Za-z0-9_-]{1,64}$/;
const REQ_TOPIC = /^kiosk\/v1\/([^/]+)\/req$/;
const RES_TOPIC = /^kiosk\/v1\/([^/]+)\/res$/;

const jobId = z.string().regex(ID, 'job id: 1-128 of [A-Za-z0-9_.:-]');
const deviceId = z.string().regex(DEVICE, 'device id: 1-64 of [A-Za-z0-9_-]');
const kind = z.enum(['summarize', 'answer']);

const summarizePayload = z.object({ meetingId: z.string().min(1), title: z.string(), transcript: z.string() }).strict();
const answerPayload = z.object({ question: z.string().min(1), context: z.string().optional() }).strict();

const requestSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('job'),
      jobId,
      deviceId,
      kind,
      contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash: sha256 hex'),
      createdAt: z.string().min(1),
      payload: z.union([summarizePayload, answerPayload]),
    })
    .strict()
    .superRefine((v, ctx) => {
      const ok = v.kind === 'summarize' ? summarizePayload.safeParse(v.payload).success : answerPayload.safeParse(v.payload).success;
      if (!ok) ctx.addIssue({ code: 'custom', message: `payload does not match kind '${v.kind}'`, path: ['payload'] });
    }),
  z.object({ op: z.literal('reconcile'), deviceId, jobIds: z.array(jobId).max(10_000) }).strict(),
]);

const errorCode = z.enum(['conflict', 'schema', 'too-large', 'backend', 'bad-request']);
const responseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), jobId }).strict(),
  z
    .object({
      status: z.literal('result'),
      jobId,
      kind,
      text: z.string().min(1),
      model: z.string(),
      meetingId: z.string().optional(),
      // Optional since issue 12; the same outline is also in `text` (engine/protocol/summary-outline.ts).
      outline: z
        .object({
          gist: z.string(),
          decisions: z.array(z.string().max(2000)).max(200),
          actions: z
            .array(z.object({ who: z.string().max(200).nullable(), what: z.string().max(2000), by: z.string().max(200).nullable() }).strict())
            .max(200),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ status: z.literal('error'), jobId, code: errorCode, message: z.string(), retryable: z.boolean() }).strict(),
  z.object({ status: z.literal('unknown'), jobId }).strict(),
]);

/** Canonical JSON (sorted keys) so the same content hashes the same on every machine. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content hash both sides compute for a job: sha256 hex of canonical JSON {kind, payload}. */
export function jobContentHash(kindOf: JobKind, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ kind: kindOf, payload })).digest('hex');
}

function fail(code: JobErrorCode, message: string, ids: Partial<Omit<CodecError, 'code' | 'message'>> = {}): { ok: false; error: CodecError } {
  return { ok: false, error: { code, message, jobId: ids.jobId ?? null, deviceId: ids.deviceId ?? null, responseTopic: ids.responseTopic ?? null } };
}

function packBody(body: unknown, limits: CodecLimits): CodecResult<{ payload: Buffer; contentType: string }> {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  if (json.length > limits.maxPayloadBytes) {
    return fail('too-large', `body is ${json.length} bytes, limit ${limits.maxPayloadBytes}`);
  }
  const threshold = limits.compressAboveBytes ?? Number.POSITIVE_INFINITY;
  if (json.length <= threshold) return { ok: true, value: { payload: json, contentType: JSON_CONTENT_TYPE } };
  return { ok: true, value: { payload: gzipSync(json), contentType: GZIP_CONTENT_TYPE } };
}

/** Inflates (bounded) and parses a body; never throws. */
function unpackBody(msg: InboundMessage, limits: CodecLimits): { ok: true; value: unknown } | { ok: false; code: JobErrorCode; message: string } {
  const raw = Buffer.isBuffer(msg.payload) ? msg.payload : Buffer.from(msg.payload);
  if (raw.length > limits.maxPayloadBytes) {
    return { ok: false, code: 'too-large', message: `payload is ${raw.length} bytes, limit ${limits.maxPayloadBytes}` };
  }
  const gz = msg.properties?.contentType === GZIP_CONTENT_TYPE || (raw[0] === 0x1f && raw[1] === 0x8b);
  let text: Buffer = raw;
  if (gz) {
    try {
      text = gunzipSync(raw, { maxOutputLength: limits.maxPayloadBytes });
    } catch (err) {
      const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(String(err));
      return tooBig
        ? { ok: false, code: 'too-large', message: `inflated payload exceeds ${limits.maxPayloadBytes} bytes` }
        : { ok: false, code: 'bad-request', message: `gzip body is corrupt: ${(err as Error).message}` };
    }
  }
  try {
    return { ok: true, value: JSON.parse(text.toString('utf8')) };
  } catch (err) {
    return { ok: false, code: 'bad-request', message: `malformed JSON: ${(err as Error).message}` };
  }
}

function correlationId(props: InboundMessage['properties']): string | null {
  const c = props?.correlationData;
  if (!c) return null;
  const s = Buffer.from(c).toString('utf8');
  return ID.test(s) ? s : null;
}

function userProp(props: InboundMessage['properties'], name: string): string | undefined {
  const v = props?.userProperties?.[name];
  return Array.isArray(v) ? v[0] : v;
}

function zodMessage(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

/** Builds the MQTT publish for a job or reconcile request; fails with too-large above the limit. */
export function encodeRequest(
  request: JobRequest,
  opts: CodecLimits & { attempt?: number; responseTopic?: string; messageExpirySec?: number },
): CodecResult<OutboundMessage> {
  const parsed = requestSchema.safeParse(request);
  const jid = request.op === 'job' ? request.jobId : null;
  if (!parsed.success) return fail('bad-request', zodMessage(parsed.error), { jobId: jid, deviceId: request.deviceId });
  const body = packBody(request, opts);
  if (!body.ok) return fail(body.error.code, body.error.message, { jobId: jid, deviceId: request.deviceId });
  const userProperties: Record<string, string> = { schema: PROTOCOL_SCHEMA, attempt: String(opts.attempt ?? 1) };
  if (request.op === 'job') userProperties.contentHash = request.contentHash;
  const properties: IClientPublishOptions['properties'] = {
    contentType: body.value.contentType,
    responseTopic: opts.responseTopic ?? topics.response(request.deviceId),
    userProperties,
  };
  if (jid) properties.correlationData = Buffer.from(jid, 'utf8');
  if (opts.messageExpirySec !== undefined) properties.messageExpiryInterval = opts.messageExpirySec;
  return { ok: true, value: { topic: topics.request(request.deviceId), payload: body.value.payload, options: { qos: 1, properties } } };
}

/** Validates an incoming request (topic, size, gzip, JSON, schema version, ids, content hash). */
export function decodeRequest(msg: InboundMessage, limits: CodecLimits): CodecResult<DecodedRequest> {
  const topicDevice = REQ_TOPIC.exec(msg.topic)?.[1] ?? null;
  const corr = correlationId(msg.properties);
  const rt = msg.properties?.responseTopic;
  const safeDevice = topicDevice && DEVICE.test(topicDevice) ? topicDevice : null;
  // Only ever answer on a device's own response topic: a request must not make us publish elsewhere.
  const responseTopic = safeDevice ? (rt && RES_TOPIC.exec(rt)?.[1] === safeDevice ? rt : topics.response(safeDevice)) : null;
  const ids = { jobId: corr, deviceId: safeDevice, responseTopic };
  if (!safeDevice) return fail('bad-request', `not a request topic: ${msg.topic}`, ids);

  const schema = userProp(msg.properties, 'schema');
  if (schema !== PROTOCOL_SCHEMA) {
    return fail('schema', `unsupported schema '${schema ?? '(none)'}', expected '${PROTOCOL_SCHEMA}'`, ids);
  }
  const body = unpackBody(msg, limits);
  if (!body.ok) return fail(body.code, body.message, ids);

  const parsed = requestSchema.safeParse(body.value);
  if (!parsed.success) {
    const bodyJobId = (body.value as { jobId?: unknown } | null)?.jobId;
    const jid = corr ?? (typeof bodyJobId === 'string' && ID.test(bodyJobId) ? bodyJobId : null);
    return fail('bad-request', `invalid request: ${zodMessage(parsed.error)}`, { ...ids, jobId: jid });
  }
  const request = parsed.data as JobRequest;
  if (request.deviceId !== safeDevice) {
    return fail('bad-request', `body deviceId '${request.deviceId}' does not match topic device '${safeDevice}'`, ids);
  }
  const wireBytes = Buffer.byteLength(msg.payload as Buffer);
  const attempt = Number(userProp(msg.properties, 'attempt') ?? '1');
  if (request.op === 'reconcile') {
    return { ok: true, value: { request, deviceId: safeDevice, responseTopic: responseTopic!, jobId: null, attempt, wireBytes } };
  }
  const withId = { ...ids, jobId: request.jobId };
  if (corr !== null && corr !== request.jobId) {
    return fail('bad-request', `correlationData '${corr}' does not match body jobId '${request.jobId}'`, withId);
  }
  const propHash = userProp(msg.properties, 'contentHash');
  if (propHash !== undefined && propHash !== request.contentHash) {
    return fail('bad-request', 'contentHash user property does not match body contentHash', withId);
  }
  if (jobContentHash(request.kind, request.payload) !== request.contentHash) {
    return fail('bad-request', 'contentHash does not match the payload (sha256 of canonical {kind, payload})', withId);
  }
  return {
    ok: true,
    value: { request, deviceId: safeDevice, responseTopic: responseTopic!, jobId: request.jobId, attempt: Number.isFinite(attempt) ? attempt : 1, wireBytes },
  };
}

/** Builds the MQTT publish for a response to one device (correlationData = job id). */
export function encodeResponse(
  deviceIdOf: string,
  response: JobResponse,
  opts: CodecLimits & { responseTopic?: string },
): CodecResult<OutboundMessage> {
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success) return fail('bad-request', zodMessage(parsed.error), { jobId: response.jobId, deviceId: deviceIdOf });
  const body = packBody(response, opts);
  if (!body.ok) return fail(body.error.code, body.error.message, { jobId: response.jobId, deviceId: deviceIdOf });
  const topic = opts.responseTopic ?? topics.response(deviceIdOf);
  return {
    ok: true,
    value: {
      topic,
      payload: body.value.payload,
      options: {
        qos: 1,
        properties: {
          contentType: body.value.contentType,
          correlationData: Buffer.from(response.jobId, 'utf8'),
          userProperties: { schema: PROTOCOL_SCHEMA },
        },
      },
    },
  };
}

/** Validates an incoming response, including that it is addressed to `expectDeviceId`. */
export function decodeResponse(msg: InboundMessage, opts: CodecLimits & { expectDeviceId: string }): CodecResult<DecodedResponse> {
  const topicDevice = RES_TOPIC.exec(msg.topic)?.[1] ?? null;
  const corr = correlationId(msg.properties);
  const ids = { jobId: corr, deviceId: topicDevice };
  if (topicDevice !== opts.expectDeviceId) {
    return fail('bad-request', `response on '${msg.topic}' is not addressed to device '${opts.expectDeviceId}'`, ids);
  }
  const schema = userProp(msg.properties, 'schema');
  if (schema !== undefined && schema !== PROTOCOL_SCHEMA) {
    return fail('schema', `unsupported schema '${schema}', expected '${PROTOCOL_SCHEMA}'`, ids);
  }
  const body = unpackBody(msg, opts);
  if (!body.ok) return fail(body.code, body.message, ids);
  const parsed = responseSchema.safeParse(body.value);
  if (!parsed.success) return fail('bad-request', `invalid response: ${zodMessage(parsed.error)}`, ids);
  const response = parsed.data as JobResponse;
  if (corr !== null && corr !== response.jobId) {
    return fail('bad-request', `correlationData '${corr}' does not match body jobId '${response.jobId}'`, { ...ids, jobId: response.jobId });
  }
  return { ok: true, value: { response, deviceId: topicDevice, jobId: response.jobId } };
}
