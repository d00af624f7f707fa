// Real: better-sqlite3 on a temp file with the shipped migrations. No test peers.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobState } from '../contracts/events.ts';
import { openKioskStore, type KioskStore } from './kiosk-store.ts';
import { OUTBOX_TRANSITIONS } from './summary-outbox.ts';

let dir: string;
let store: KioskStore;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-repo-'));
  clock = Date.parse('2026-03-01T12:00:00Z');
  store = openKioskStore(path.join(dir, 'k.db'), {
    maxJobAgeMs: 60_000,
    maxPayloadBytes: 4096,
    transcriptDays: 30,
    now: () => clock,
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function meetingWith(lines: string[]): string {
  return store.meetings.importTranscript({ title: 'Weekly', transcript: lines.join('\n'), staff: 'ana' }).id;
}

describe('MeetingRepository', () => {
  it('imports a transcript line by line and rejects empty input with a clear error', () => {
    const id = meetingWith(['We open at nine.', '', 'Umbrellas sold out.']);
    expect(store.meetings.get(id)).toMatchObject({ title: 'Weekly', staff: 'ana', segments: 2 });
    expect(store.meetings.get(id)?.endedAt).not.toBeNull();
    expect(store.meetings.transcript(id)).toBe('We open at nine.\nUmbrellas sold out.');
    expect(() => store.meetings.importTranscript({ title: 'x', transcript: ' \n ' })).toThrow(/empty/);
    expect(() => store.meetings.addSegment('nope', 'hi')).toThrow(/no meeting nope/);
  });

  it('refuses a segment for an ended meeting with a conflict naming it, and stores nothing', () => {
    const id = meetingWith(['We open at nine.']);
    expect(() => store.meetings.addSegment(id, 'too late')).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringMatching(new RegExp(`^meeting ${id} ended at .*: no segments can be added$`)) }),
    );
    expect(store.meetings.transcript(id)).toBe('We open at nine.');
  });
});

describe('SummaryOutbox', () => {
  it('enqueues once per unchanged transcript and a new job when the transcript changed', () => {
    // A meeting still being recorded (a summary asked for before the end) can change.
    const id = store.meetings.start({ title: 'Weekly' }).id;
    for (const line of ['one', 'two']) store.meetings.addSegment(id, line);
    const a = store.outbox.enqueueSummary(id);
    expect(a).toMatchObject({ state: 'pending', attempts: 0, kind: 'summarize', meetingId: id });
    expect(store.outbox.enqueueSummary(id).jobId).toBe(a.jobId);
    store.meetings.addSegment(id, 'three');
    expect(store.outbox.enqueueSummary(id).jobId).not.toBe(a.jobId);
    expect(store.outbox.openCount()).toBe(2);
  });

  it('refuses a payload above the size limit and queues nothing', () => {
    const id = meetingWith(['x'.repeat(5000)]);
    expect(() => store.outbox.enqueueSummary(id)).toThrow(/above the 4096-byte limit/);
    expect(store.outbox.list()).toHaveLength(0);
  });

  it('follows the transition table: every refused move is refused, every allowed one happens', () => {
    const states: JobState[] = ['pending', 'sent', 'accepted', 'done', 'failed'];
    const id = meetingWith(['a']);
    for (const from of states) {
      for (const to of states) {
        const job = store.outbox.enqueueAnswer(`q ${from} ${to}`);
        store.db.prepare('UPDATE outbox SET state = ? WHERE job_id = ?').run(from, job.jobId);
        const r = store.outbox.transition(job.jobId, to);
        const allowed = OUTBOX_TRANSITIONS[from].includes(to);
        expect(r !== null, `${from} → ${to}`).toBe(allowed);
        expect(store.outbox.get(job.jobId)?.state).toBe(allowed ? to : from);
      }
    }
    expect(id).toBeTruthy();
  });

  it('schedules resends, expires old jobs to failed, and staff retry revives them', () => {
    const job = store.outbox.enqueueAnswer('Do you sell umbrellas?');
    expect(store.outbox.due().map((j) => j.jobId)).toEqual([job.jobId]);
    store.outbox.recordAttempt(job.jobId, clock + 5000);
    store.outbox.transition(job.jobId, 'sent');
    expect(store.outbox.due()).toHaveLength(0);
    expect(store.outbox.waitingJobIds()).toEqual([job.jobId]);
    clock += 5000;
    expect(store.outbox.due().map((j) => j.attempts)).toEqual([1]);
    clock += 60_000;
    expect(store.outbox.expire().map((j) => j.jobId)).toEqual([job.jobId]);
    const failed = store.outbox.require(job.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/expired/);
    const retried = store.outbox.retry(job.jobId);
    expect(retried).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
    expect(retried.expiresAt).toBe(clock + 60_000);
  });
});

describe('ResultInbox', () => {
  it('stores a result once; a redelivery is counted as duplicate and changes nothing', () => {
    const mid = meetingWith(['Deliveries on Tuesday.']);
    const job = store.outbox.enqueueSummary(mid);
    const r = {
      jobId: job.jobId,
      kind: 'summarize' as const,
      text: 'Deliveries Tuesday.',
      model: 'textrank',
    };
    expect(store.inbox.accept(r)).toMatchObject({ outcome: 'stored', meetingId: mid });
    expect(store.inbox.accept({ ...r, text: 'other' })).toEqual({ outcome: 'duplicate', jobId: job.jobId });
    expect(store.inbox.accept(r).outcome).toBe('duplicate');
    expect(store.summaries.list()).toEqual([
      expect.objectContaining({ meetingId: mid, jobId: job.jobId, text: 'Deliveries Tuesday.' }),
    ]);
    expect(store.outbox.require(job.jobId).state).toBe('done');
    expect(store.inbox.duplicateDeliveries()).toBe(2);
  });

  it('rejects unknown jobs and kind mismatches without storing anything', () => {
    const job = store.outbox.enqueueAnswer('When do you open?');
    expect(store.inbox.accept({ jobId: 'nope', kind: 'answer', text: 't', model: 'm' })).toMatchObject({
      outcome: 'rejected',
      reason: /unknown job/,
    });
    expect(store.inbox.accept({ jobId: job.jobId, kind: 'summarize', text: 't', model: 'm' })).toMatchObject({
      outcome: 'rejected',
      reason: /kind/,
    });
    expect(store.db.prepare('SELECT count(*) AS n FROM inbox').get()).toEqual({ n: 0 });
    expect(
      store.inbox.accept({ jobId: job.jobId, kind: 'answer', text: 'At nine.', model: 'm' }).outcome,
    ).toBe('stored');
    expect(store.summaries.answer(job.jobId)).toMatchObject({
      question: 'When do you open?',
      text: 'At nine.',
    });
  });

  it('stores a late result for a failed job (failed → done)', () => {
    const job = store.outbox.enqueueAnswer('late?');
    store.outbox.transition(job.jobId, 'failed', { lastError: 'expired' });
    expect(store.inbox.accept({ jobId: job.jobId, kind: 'answer', text: 'yes', model: 'm' }).outcome).toBe(
      'stored',
    );
    expect(store.outbox.require(job.jobId).state).toBe('done');
  });
});

describe('ConversationRepository + search + retention', () => {
  it('records an interaction with route, reason and sources, and finds it by full-text search', () => {
    const { utteranceId } = store.conversations.recordInteraction({
      correlationId: 'c-1',
      text: 'Where are the umbrellas?',
      asr: { engine: 'pocketsphinx', confidence: 0.8 },
      reply: {
        text: 'Aisle 3.',
        route: 'retrieval',
        reason: 'matched knowledge',
        sources: ['aisles'],
        ttftMs: 12,
        totalMs: 40,
      },
    });
    expect(utteranceId).toBeGreaterThan(0);
    expect(store.conversations.byCorrelation('c-1')[0]).toMatchObject({
      text: 'Where are the umbrellas?',
      asrEngine: 'pocketsphinx',
      route: 'retrieval',
      routeReason: 'matched knowledge',
      sources: ['aisles'],
    });
    expect(store.search.search('umbrel').map((h) => h.ref)).toEqual(['c-1']);
    expect(store.search.search('aisle" -(')).toHaveLength(1);
    expect(store.search.search('  ')).toEqual([]);
  });

  it('purges transcripts older than the retention period and keeps summaries and open jobs', () => {
    const old = new Date(clock - 40 * 24 * 3600 * 1000);
    store.conversations.recordInteraction({
      correlationId: 'old',
      text: 'old question about gloves',
      heardAt: old,
    });
    store.conversations.recordInteraction({ correlationId: 'new', text: 'new question about gloves' });
    const m = store.meetings.start({ title: 'Old meeting', startedAt: old });
    store.meetings.addSegment(m.id, 'old segment about gloves', old);
    const j = store.outbox.enqueueSummary(m.id);
    store.inbox.accept({ jobId: j.jobId, kind: 'summarize', text: 'gloves summary', model: 'm' });
    const open = store.outbox.enqueueAnswer('still waiting');
    store.db.prepare('UPDATE outbox SET created_at = ?').run(old.toISOString());

    const report = store.purge(new Date(clock));
    expect(report).toMatchObject({ utterances: 1, conversations: 1, segments: 1, outboxJobs: 1 });
    expect(store.search.search('gloves').map((h) => h.ref)).toEqual(['new']);
    expect(store.summaries.list().map((s) => s.text)).toEqual(['gloves summary']);
    expect(store.outbox.get(open.jobId)?.state).toBe('pending');
    expect(store.meetings.get(m.id)?.segments).toBe(0);
  });
});
