// Real: better-sqlite3 on temp files with the shipped migrations (including 0004). No test peers.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { exportMeeting } from './meeting-export.ts';
import { availableMigrations, migrate } from './migrate.ts';
import { openKioskStore, type KioskStore } from './kiosk-store.ts';
import { ownerReport } from './owner-report.ts';

let dir: string;
let store: KioskStore;
const open = () =>
  openKioskStore(path.join(dir, 'k.db'), {
    maxJobAgeMs: 60_000,
    maxPayloadBytes: 1 << 20,
    transcriptDays: 30,
  });
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vk-staff-'));
  store = open();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0004 on an existing database', () => {
  it('keeps every outbox job and meeting, and lets the outbox hold staff-call jobs', () => {
    store.close();
    const file = path.join(dir, 'old.db');
    const db = openDatabase(file);
    const older = availableMigrations().filter((m) => m.version < 4);
    migrate(db, { migrations: older });
    db.prepare(
      "INSERT INTO meetings (id, title, staff, started_at) VALUES ('m1', 'Old', 'ana', '2026-01-01T09:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO outbox (job_id, kind, meeting_id, payload, content_hash, state, attempts, next_attempt_at, created_at, updated_at, expires_at) VALUES ('j1', 'summarize', 'm1', '{}', 'h', 'sent', 2, 5, 'c', 'u', 9)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (job_id, kind, payload, content_hash, state, next_attempt_at, created_at, updated_at, expires_at) VALUES ('j2', 'staff-call', '{}', 'h', 'pending', 0, 'c', 'u', 9)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();

    store = openKioskStore(file, { maxJobAgeMs: 60_000, maxPayloadBytes: 1 << 20, transcriptDays: 30 });
    expect(store.outbox.get('j1')).toMatchObject({
      kind: 'summarize',
      state: 'sent',
      attempts: 2,
      meetingId: 'm1',
    });
    expect(store.meetings.require('m1')).toMatchObject({ title: 'Old', endReason: null, endedAt: null });
    const job = store.outbox.enqueueStaffCall({
      schema: 'kiosk.staff-call/1',
      callId: 'c1',
      deviceId: 'd',
      state: 'raised',
      question: null,
      trigger: 'button',
      raisedAt: 'now',
      at: 'now',
      staff: null,
    });
    expect(store.outbox.get(job.jobId)).toMatchObject({ kind: 'staff-call', state: 'pending' });
    expect(store.outbox.due().map((j) => j.jobId)).toContain(job.jobId);
  });
});

describe('staff PINs', () => {
  it('stores one hash per name (case-insensitive), replaces on set, removes by name', () => {
    expect(store.staffPins.count()).toBe(0);
    expect(store.staffPins.set('Sam', 'scrypt$1$2$3$a$b')).toBe(true);
    expect(store.staffPins.set('sam', 'scrypt$1$2$3$c$d')).toBe(false);
    expect(store.staffPins.list()).toMatchObject([{ name: 'Sam', pinHash: 'scrypt$1$2$3$c$d' }]);
    expect(() => store.staffPins.set('Priya', '4826')).toThrow(/only as a scrypt hash/);
    expect(() => store.staffPins.set('<script>', 'scrypt$x')).toThrow(/staff name/);
    store.staffPins.set('Priya', 'scrypt$1$2$3$e$f');
    store.staffPins.remove('SAM');
    expect(store.staffPins.list().map((p) => p.name)).toEqual(['Priya']);
    expect(() => store.staffPins.remove('Nobody')).toThrow(/no staff PIN named 'Nobody'/);
  });
});

describe('meeting lines', () => {
  it('lists lines with ids, edits one, and exports Markdown and text with the summary outline', () => {
    const m = store.meetings.start({
      title: 'Morning *stand-up*',
      staff: 'Sam',
      startedAt: new Date('2026-12-01T08:00:00Z'),
    });
    const a = store.meetings.addSegment(m.id, 'Bread arrives at seven.', new Date('2026-12-01T08:01:00Z'));
    store.meetings.addSegment(
      m.id,
      'Bob will update the price lables by Friday.',
      new Date('2026-12-01T08:02:00Z'),
    );
    const lines = store.meetings.lines(m.id);
    expect(lines.map((l) => l.text)).toEqual([
      'Bread arrives at seven.',
      'Bob will update the price lables by Friday.',
    ]);
    const fixed = store.meetings.editLine(m.id, lines[1]!.id, 'Bob will update the price labels by Friday.');
    expect(fixed.editedAt).not.toBeNull();
    expect(store.meetings.transcript(m.id)).toBe(
      'Bread arrives at seven.\nBob will update the price labels by Friday.',
    );
    expect(() => store.meetings.editLine(m.id, a + 999, 'x')).toThrow(/has no line/);
    const row = store.meetings.stop(m.id, 'kiosk restarted');
    expect(store.meetings.stop(m.id).endReason).toBe('kiosk restarted'); // the first reason stays

    const summary = {
      meetingId: m.id,
      jobId: 'j',
      model: 'textrank-1',
      createdAt: 'x',
      source: 'cloud' as const,
      text: '',
      outline: {
        gist: 'Bread at seven.',
        decisions: [],
        actions: [{ who: 'Bob', what: 'update the price labels', by: 'by Friday' }],
      },
    };
    const md = exportMeeting(row, store.meetings.lines(m.id), summary, 'markdown');
    expect(md.filename).toBe('2026-12-01-morning-stand-up.md');
    expect(md.text).toContain('# Morning \\*stand-up\\*');
    expect(md.text).toContain('- Started: 2026-12-01 08:00 UTC by Sam');
    expect(md.text).toContain('(kiosk restarted)');
    expect(md.text).toContain('- **Bob**: update the price labels — by Friday');
    expect(md.text).toContain('- 08:02 Bob will update the price labels by Friday. _(edited)_');
    const txt = exportMeeting(row, store.meetings.lines(m.id), null, 'text');
    expect(txt.filename).toBe('2026-12-01-morning-stand-up.txt');
    expect(txt.text.split('\n').slice(-3)).toEqual([
      '[08:01] Bread arrives at seven.',
      '[08:02] Bob will update the price labels by Friday. (edited)',
      '',
    ]);
  });
});

describe("owner's report", () => {
  it('groups declined, unsure and corrected questions and staff calls, newest first, with the day totals', () => {
    // Midday, so that "30 minutes ago" is today whenever the test runs (at 00:20 it was yesterday).
    const now = new Date('2026-12-01T12:00:00Z');
    const at = (minAgo: number) => new Date(now.getTime() - minAgo * 60_000);
    const rec = (
      id: string,
      text: string,
      minAgo: number,
      reason: string,
      reply: string,
      confidence?: number,
    ) =>
      store.conversations.recordInteraction({
        correlationId: id,
        text,
        heardAt: at(minAgo),
        ...(confidence !== undefined ? { asr: { engine: 'pocketsphinx', confidence } } : {}),
        reply: { text: reply, route: 'retrieval', reason, sources: [] },
      });
    rec(
      '1',
      'Do you sell bicycles?',
      30,
      'retrieval: no passage above the threshold',
      "I'm sorry, I don't know that. Shall I call a member of staff to help you?",
    );
    rec(
      '2',
      'do you sell bicycles',
      10,
      'retrieval: no passage above the threshold',
      "I'm sorry, I don't know that. Shall I call a member of staff to help you?",
    );
    rec('3', 'Where is the bread?', 9, 'fast: where', 'Bakery: aisle 1.', 0.9);
    rec('4', 'wear is the bred', 8, 'fast: where', 'Bakery: aisle 1.', 0.31);
    rec('5', 'whens the pharmacy open', 7, 'retrieval: did you mean "pharmacy"', 'The pharmacy opens at 9.');
    store.staffCalls.raise({ trigger: 'offer', question: 'Do you sell bicycles?', at: at(5) });
    store.staffCalls.raise({ trigger: 'button', at: at(1) });

    const r = ownerReport(store.db, now);
    expect(r.today).toMatchObject({
      questions: 5,
      answered: 3,
      declined: 2,
      lowConfidence: 1,
      staffCalls: 2,
    });
    expect(r.unanswered.map((g) => [g.category, g.question.toLowerCase(), g.count])).toEqual([
      ['staff-call', '(the call staff button)', 1],
      ['staff-call', 'do you sell bicycles?', 1],
      ['did-you-mean', 'whens the pharmacy open', 1],
      ['low-confidence', 'wear is the bred', 1],
      // Grouped across case and punctuation, shown in the newest wording.
      ['declined', 'do you sell bicycles', 2],
    ]);
  });
});
