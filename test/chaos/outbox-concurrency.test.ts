import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openKioskStore } from '../../engine/store/kiosk-store.ts';
import { REPO_ROOT } from './chaos-run.ts';

/**
 * Regression found by the chaos suite: the relay's outbox transitions failed with SQLITE_BUSY
 * ("database is locked") whenever another process — the staff CLI, here a second real process —
 * wrote to the kiosk database at the same moment, because a deferred read-then-write transaction
 * cannot wait on busy_timeout. Real: the kiosk store, SQLite, and a separate process holding the
 * write lock.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vk-outbox-busy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('SummaryOutbox.transition under a concurrent writer process', () => {
  it('waits for the other writer instead of failing with SQLITE_BUSY', async () => {
    const file = path.join(tmp, 'kiosk.db');
    const store = openKioskStore(file, {
      maxJobAgeMs: 3600_000,
      maxPayloadBytes: 1 << 20,
      transcriptDays: 30,
    });
    const meeting = store.meetings.importTranscript({
      title: 'busy test',
      transcript: 'We checked the stock.\nWe ordered coffee.',
    });
    const job = store.outbox.enqueueSummary(meeting.id);

    // The other process takes the write lock, says so, holds it 400 ms, commits.
    const script = path.join(tmp, 'hold-lock.cjs');
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules/better-sqlite3'))});
       const db = new Database(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
       db.exec('BEGIN IMMEDIATE'); db.prepare("UPDATE meetings SET staff = 'x'").run();
       process.stdout.write('locked\\n');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
       db.exec('COMMIT'); db.close();`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
    );

    const t0 = Date.now();
    const r = store.outbox.transition(job.jobId, 'sent');
    expect(r?.job.state).toBe('sent');
    expect(Date.now() - t0).toBeGreaterThan(100); // it really waited for the other process's commit
    expect(await exited).toBe(0);
    store.close();
  });
});
