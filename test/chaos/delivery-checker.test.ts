import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/store/database.ts';
import { migrate } from '../../engine/store/migrate.ts';
import { checkKioskDatabase, countFaults } from './delivery-checker.ts';

/**
 * Real: a kiosk SQLite database built by the kiosk's own migrations. The rows are written here by
 * hand to plant each kind of failure the checker must catch.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vk-checker-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function kioskDb(name: string) {
  const file = path.join(tmp, name);
  const db = openDatabase(file);
  migrate(db);
  const now = new Date().toISOString();
  const meeting = db.prepare('INSERT INTO meetings (id, title, started_at) VALUES (?, ?, ?)');
  const job = db.prepare(
    `INSERT INTO outbox (job_id, kind, meeting_id, payload, content_hash, state, attempts, next_attempt_at, created_at, updated_at, expires_at)
     VALUES (?, 'summarize', ?, '{}', 'h', ?, ?, 0, ?, ?, 0)`,
  );
  const summary = db.prepare(
    'INSERT INTO summaries (meeting_id, job_id, text, model, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const inbox = db.prepare('INSERT INTO inbox (job_id, received_at, duplicates) VALUES (?, ?, ?)');
  return { file, db, now, meeting, job, summary, inbox };
}

describe('checkKioskDatabase', () => {
  it('passes a run where every job has exactly one summary of its own meeting', () => {
    const k = kioskDb('ok.db');
    for (let i = 0; i < 3; i++) {
      k.meeting.run(`m${i}`, `chaos meeting ref-abc${i}`, k.now);
      k.job.run(`j${i}`, `m${i}`, 'done', 2, k.now, k.now);
      k.summary.run(`m${i}`, `j${i}`, `Stock check ref-abc${i} done.`, 'extractive', k.now);
      k.inbox.run(`j${i}`, k.now, i);
    }
    k.db.close();
    const f = checkKioskDatabase(k.file);
    expect(f).toMatchObject({
      jobs: 3,
      lost: 0,
      notDone: 0,
      duplicatesStored: 0,
      duplicatesDelivered: 3,
      orphans: 0,
      wrongMeeting: 0,
      publishes: 6,
      integrity: 'ok',
    });
  });

  it('counts lost, unfinished, duplicate, orphan and crossed-wire summaries', () => {
    const k = kioskDb('bad.db');
    k.meeting.run('m1', 'chaos meeting ref-one', k.now);
    k.meeting.run('m2', 'chaos meeting ref-two', k.now);
    k.meeting.run('m3', 'chaos meeting ref-three', k.now);
    k.job.run('lost', 'm1', 'sent', 1, k.now, k.now);
    k.job.run('j2', 'm2', 'done', 1, k.now, k.now);
    k.job.run('j3', 'm3', 'done', 1, k.now, k.now);
    k.summary.run('m2', 'j2', 'about ref-two', 'x', k.now);
    k.summary.run('m2', 'other-job', 'about ref-two again', 'x', k.now); // second summary, unknown job
    k.summary.run('m3', 'j3', 'about ref-one', 'x', k.now); // wrong meeting's text
    k.db.close();
    const f = checkKioskDatabase(k.file);
    expect(f.lost).toBe(1);
    expect(f.notDone).toBe(1);
    expect(f.duplicatesStored).toBe(1);
    expect(f.orphans).toBe(1);
    expect(f.wrongMeeting).toBe(1);
    expect(f.examples.lost).toEqual(['lost']);
  });
});

describe('countFaults', () => {
  it('counts kill records per boundary and ignores a torn last line', () => {
    const log = ['{"fault":"a","hit":1}', '{"fault":"b","hit":3}', '{"fault":"a","hit":2}', '{"fau'].join(
      '\n',
    );
    expect(countFaults(log)).toEqual({ a: 2, b: 1 });
  });
});
