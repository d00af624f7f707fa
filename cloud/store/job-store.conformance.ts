import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobContentHash } from '../../engine/protocol/job-codec.ts';
import type { JobRequest } from '../../engine/contracts/mqtt.ts';
import type { ClaimInput, JobStore } from './job-store.ts';

type JobReq = Extract<JobRequest, { op: 'job' }>;

/** A job request with a content hash that matches its payload, as a kiosk would send it. */
export function makeJob(jobId: string, transcript = `Transcript of ${jobId}. We agreed on things.`, deviceId = 'dev-a'): ClaimInput {
  const payload = { meetingId: `m-${jobId}`, title: 'Weekly', transcript };
  const request: JobReq = { op: 'job', jobId, deviceId, kind: 'summarize', contentHash: jobContentHash('summarize', payload), createdAt: new Date(0).toISOString(), payload };
  return { request, responseTopic: `kiosk/v1/${deviceId}/res` };
}

/**
 * One suite every JobStore implementation must pass (the MQTT.js abstract_store pattern): the real
 * store under test, no fakes. `open` may be called twice to get two handles on the same data, as two
 * workers (or a restarted one) would have.
 */
export function describeJobStoreConformance(name: string, open: () => Promise<{ store: JobStore; reopen: () => Promise<JobStore>; cleanup: () => Promise<void> }>): void {
  describe(`JobStore conformance: ${name}`, () => {
    let store: JobStore;
    let reopen: () => Promise<JobStore>;
    let cleanup: () => Promise<void>;
    const extra: JobStore[] = [];

    beforeEach(async () => {
      ({ store, reopen, cleanup } = await open());
      await store.init();
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await cleanup();
    });
    const second = async () => {
      const s = await reopen();
      await s.init();
      extra.push(s);
      return s;
    };

    it('claims a new job once; a second claim of the same id sees it in progress', async () => {
      const [a] = await store.claimMany([makeJob('j1')], 'w1', 60_000);
      expect(a?.kind).toBe('claimed');
      expect(a?.record.request?.jobId).toBe('j1');
      const [b] = await store.claimMany([makeJob('j1')], 'w2', 60_000);
      expect(b?.kind).toBe('in-progress');
      expect(b?.record.owner).toBe('w1');
    });

    it('same id with a different content hash is a conflict and leaves the stored job untouched', async () => {
      await store.claimMany([makeJob('j2', 'First version. It has words.')], 'w1', 60_000);
      const [c] = await store.claimMany([makeJob('j2', 'Another text entirely. With words.')], 'w1', 60_000);
      expect(c?.kind).toBe('conflict');
      const rec = (await store.get(['j2'])).get('j2');
      expect(rec?.contentHash).toBe(makeJob('j2', 'First version. It has words.').request.contentHash);
    });

    it('stores a result once; later completions and claims replay the first one', async () => {
      await store.claimMany([makeJob('j3')], 'w1', 60_000);
      const [first] = await store.completeMany([{ jobId: 'j3', type: 'result', text: 'summary A', model: 'm', meetingId: 'm-j3' }]);
      expect(first?.stored).toBe(true);
      const [again] = await store.completeMany([{ jobId: 'j3', type: 'result', text: 'summary B', model: 'm', meetingId: 'm-j3' }]);
      expect(again?.stored).toBe(false);
      expect(again?.record.result?.text).toBe('summary A');
      const [claim] = await store.claimMany([makeJob('j3')], 'w2', 60_000);
      expect(claim?.kind).toBe('done');
      expect(claim?.record.result).toEqual({ text: 'summary A', model: 'm', meetingId: 'm-j3' });
      expect(claim?.record.request).toBeNull();
    });

    it('stores a terminal failure and replays it', async () => {
      await store.claimMany([makeJob('j4')], 'w1', 60_000);
      await store.completeMany([{ jobId: 'j4', type: 'failed', code: 'bad-request', message: 'empty' }]);
      const [claim] = await store.claimMany([makeJob('j4')], 'w1', 60_000);
      expect(claim?.kind).toBe('failed');
      expect(claim?.record.error).toEqual({ code: 'bad-request', message: 'empty' });
    });

    it('a released job is claimed again by the next resend', async () => {
      await store.claimMany([makeJob('j5')], 'w1', 60_000);
      await store.release(['j5'], 'w1');
      const [c] = await store.claimMany([makeJob('j5')], 'w2', 60_000);
      expect(c).toMatchObject({ kind: 'claimed', takenOver: true });
      expect(c?.record.attempts).toBe(2);
    });

    it('an expired lease is taken over by another handle; a live one is not', async () => {
      const now = 1_000_000;
      await store.claimMany([makeJob('j6'), makeJob('j7')], 'dead-worker', 1_000, now);
      await store.renew(['j7'], 'dead-worker', 60_000, now);
      const other = await second();
      const taken = await other.takeOverExpired('w2', 30_000, 10, now + 5_000);
      expect(taken.map((r) => r.jobId)).toEqual(['j6']);
      expect(taken[0]?.owner).toBe('w2');
      expect(taken[0]?.request?.payload).toEqual(makeJob('j6').request.payload);
      expect(await other.takeOverExpired('w3', 30_000, 10, now + 5_000)).toEqual([]);
    });

    it('claims a batch in one call with mixed outcomes, by index', async () => {
      await store.claimMany([makeJob('b1')], 'w1', 60_000);
      await store.completeMany([{ jobId: 'b1', type: 'result', text: 'S', model: 'm', meetingId: null }]);
      const out = await store.claimMany([makeJob('b2'), makeJob('b1'), makeJob('b3', 'Different. Text here.'), makeJob('b2')], 'w1', 60_000);
      expect(out.map((o) => o.kind)).toEqual(['claimed', 'done', 'claimed', 'in-progress']);
      expect(await store.counts()).toEqual({ pending: 2, done: 1, failed: 0 });
    });

    it('data survives closing and reopening', async () => {
      await store.claimMany([makeJob('p1')], 'w1', 60_000);
      await store.completeMany([{ jobId: 'p1', type: 'result', text: 'kept', model: 'm', meetingId: null }]);
      await store.close();
      store = await reopen();
      await store.init();
      expect((await store.get(['p1', 'nope'])).get('p1')?.result?.text).toBe('kept');
      expect((await store.get(['nope'])).size).toBe(0);
    });

    it('two handles racing on the same ids store each result exactly once', async () => {
      const other = await second();
      const ids = Array.from({ length: 20 }, (_, i) => `race-${i}`);
      const jobs = ids.map((id) => makeJob(id));
      const [a, b] = await Promise.all([store.claimMany(jobs, 'wA', 60_000), other.claimMany([...jobs].reverse(), 'wB', 60_000)]);
      const claimedA = a.filter((o) => o.kind === 'claimed').length;
      const claimedB = b.filter((o) => o.kind === 'claimed').length;
      expect(claimedA + claimedB).toBe(20);
      const complete = (s: JobStore, tag: string) => s.completeMany(ids.map((id) => ({ jobId: id, type: 'result' as const, text: `${tag}:${id}`, model: 'm', meetingId: null })));
      const [ca, cb] = await Promise.all([complete(store, 'A'), complete(other, 'B')]);
      const stored = [...ca, ...cb].filter((o) => o.stored).length;
      expect(stored).toBe(20);
      expect(await store.counts()).toEqual({ pending: 0, done: 20, failed: 0 });
    });
  });
}
