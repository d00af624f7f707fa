import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { JobRequest } from '../contracts/mqtt.ts';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse, GZIP_CONTENT_TYPE, jobContentHash, type OutboundMessage } from './job-codec.ts';

// Real: the job codec both sides use. No peers: messages go through encode → decode in memory.
const limits = { maxPayloadBytes: 64 * 1024, compressAboveBytes: 1024 };
function job(transcript: string, jobId = 'j-1', deviceId = 'dev-1'): Extract<JobRequest, { op: 'job' }> {
  const payload = { meetingId: 'm-1', title: 'T', transcript };
  return { op: 'job', jobId, deviceId, kind: 'summarize', contentHash: jobContentHash('summarize', payload), createdAt: '2026-01-01T00:00:00Z', payload };
}
const inbound = (m: OutboundMessage) => ({ topic: m.topic, payload: m.payload, properties: m.options.properties as never });

describe('job codec', () => {
  it('content hash ignores key order and changes with content', () => {
    expect(jobContentHash('summarize', { a: 1, b: 'x' })).toBe(jobContentHash('summarize', { b: 'x', a: 1 }));
    expect(jobContentHash('summarize', { a: 1 })).not.toBe(jobContentHash('answer', { a: 1 }));
  });

  it('round-trips a small request as plain JSON and a large one gzip-compressed', () => {
    for (const transcript of ['Short.', 'Long sentence here. '.repeat(500)]) {
      const enc = encodeRequest(job(transcript), { ...limits, attempt: 3 });
      expect(enc.ok).toBe(true);
      if (!enc.ok) return;
      expect(enc.value.topic).toBe('kiosk/v1/dev-1/req');
      expect(enc.value.options.properties?.contentType).toBe(transcript.length > 1024 ? GZIP_CONTENT_TYPE : 'application/json');
      if (transcript.length > 1024) expect(enc.value.payload.length).toBeLessThan(transcript.length / 4);
      const dec = decodeRequest(inbound(enc.value), limits);
      expect(dec.ok && dec.value).toMatchObject({ jobId: 'j-1', deviceId: 'dev-1', attempt: 3, responseTopic: 'kiosk/v1/dev-1/res', request: job(transcript) });
    }
  });

  it('refuses to encode a body over the limit, with too-large', () => {
    const enc = encodeRequest(job('x'.repeat(70 * 1024)), limits);
    expect(enc.ok === false && enc.error.code).toBe('too-large');
  });

  it('rejects with a reason and the ids it could read: schema, body/topic device mismatch, hash mismatch, bomb', () => {
    const good = encodeRequest(job('Hello. World.'), limits);
    if (!good.ok) throw new Error('encode');
    const props = good.value.options.properties!;
    const wrongSchema = decodeRequest({ ...inbound(good.value), properties: { ...props, userProperties: { schema: 'kiosk.job/9' } } as never }, limits);
    expect(wrongSchema.ok === false && wrongSchema.error).toMatchObject({ code: 'schema', jobId: 'j-1', deviceId: 'dev-1', responseTopic: 'kiosk/v1/dev-1/res' });

    const otherTopic = decodeRequest({ ...inbound(good.value), topic: 'kiosk/v1/dev-2/req' }, limits);
    expect(otherTopic.ok === false && otherTopic.error.message).toMatch(/does not match topic device/);

    const forged = Buffer.from(JSON.stringify({ ...job('Hello. World.'), contentHash: 'b'.repeat(64) }));
    const badHash = decodeRequest({ ...inbound(good.value), payload: forged, properties: { ...props, userProperties: { schema: 'kiosk.job/1' } } as never }, limits);
    expect(badHash.ok === false && badHash.error).toMatchObject({ code: 'bad-request', jobId: 'j-1' });

    const bomb = decodeRequest({ ...inbound(good.value), payload: gzipSync(Buffer.alloc(10 * 1024 * 1024)) }, limits);
    expect(bomb.ok === false && bomb.error.code).toBe('too-large');

    const corrupt = decodeRequest({ ...inbound(good.value), payload: Buffer.from([0x1f, 0x8b, 1, 2, 3]) }, limits);
    expect(corrupt.ok === false && corrupt.error.message).toMatch(/gzip body is corrupt/);
  });

  it('never answers on another device’s topic, whatever responseTopic a request names', () => {
    const enc = encodeRequest(job('Hello. World.'), { ...limits, responseTopic: 'kiosk/v1/victim/res' });
    if (!enc.ok) throw new Error('encode');
    const dec = decodeRequest(inbound(enc.value), limits);
    expect(dec.ok && dec.value.responseTopic).toBe('kiosk/v1/dev-1/res');
  });

  it('round-trips responses and rejects one addressed to another device or with an empty result', () => {
    const enc = encodeResponse('dev-1', { status: 'result', jobId: 'j-1', kind: 'summarize', text: 'Done.', model: 'textrank-1', meetingId: 'm-1' }, limits);
    if (!enc.ok) throw new Error('encode');
    const dec = decodeResponse(inbound(enc.value), { ...limits, expectDeviceId: 'dev-1' });
    expect(dec.ok && dec.value.response).toMatchObject({ status: 'result', text: 'Done.' });
    const wrong = decodeResponse(inbound(enc.value), { ...limits, expectDeviceId: 'dev-2' });
    expect(wrong.ok === false && wrong.error.message).toMatch(/not addressed to device 'dev-2'/);
    const empty = encodeResponse('dev-1', { status: 'result', jobId: 'j-1', kind: 'summarize', text: '', model: 'm' }, limits);
    expect(empty.ok).toBe(false);
  });

  it('rejects a response with no schema property or no correlationData (protocol.md: both required)', () => {
    const enc = encodeResponse('dev-1', { status: 'result', jobId: 'j-1', kind: 'answer', text: 'Forged.', model: 'm' }, limits);
    if (!enc.ok) throw new Error('encode');
    const props = enc.value.options.properties!;
    const noSchema = decodeResponse({ ...inbound(enc.value), properties: { ...props, userProperties: {} } as never }, { ...limits, expectDeviceId: 'dev-1' });
    expect(noSchema.ok === false && noSchema.error).toMatchObject({ code: 'schema', message: "unsupported schema '(none)', expected 'kiosk.job/1'" });
    const { correlationData: _drop, ...rest } = props;
    const noCorr = decodeResponse({ ...inbound(enc.value), properties: rest as never }, { ...limits, expectDeviceId: 'dev-1' });
    expect(noCorr.ok === false && noCorr.error).toMatchObject({ code: 'bad-request', jobId: 'j-1' });
    expect(noCorr.ok === false && noCorr.error.message).toMatch(/no \(valid\) correlationData/);
  });

  it('refuses a reconcile listing more than 256 job ids', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `j-${i}`);
    const ok = encodeRequest({ op: 'reconcile', deviceId: 'dev-1', jobIds: ids(256) }, limits);
    expect(ok.ok).toBe(true);
    const big = encodeRequest({ op: 'reconcile', deviceId: 'dev-1', jobIds: ids(257) }, limits);
    expect(big.ok === false && big.error.message).toMatch(/at most 256 job ids/);
    if (!ok.ok) return;
    const forged = { ...inbound(ok.value), payload: Buffer.from(JSON.stringify({ op: 'reconcile', deviceId: 'dev-1', jobIds: ids(1000) })) };
    const dec = decodeRequest(forged, limits);
    expect(dec.ok === false && dec.error).toMatchObject({ code: 'bad-request', jobId: null });
  });
});
