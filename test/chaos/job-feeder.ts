import { parseArgs } from 'node:util';
import { seededRandom } from '../../engine/faults/fault-plan.ts';
import { loadConfig } from '../../engine/app/config/load.ts';
import { openDatabase } from '../../engine/store/database.ts';
import { MeetingRepository } from '../../engine/store/meeting-repository.ts';
import { migrate } from '../../engine/store/migrate.ts';
import { SummaryOutbox } from '../../engine/store/summary-outbox.ts';

/**
 * The staff side of the chaos run, as a child process of its own: adds meetings and asks for their
 * summaries through the kiosk's real repositories (MeetingRepository.importTranscript,
 * SummaryOutbox.enqueueSummary), at a steady pace while the faults run. It is killed too (fault point
 * `kiosk.after-enqueue`) and, restarted, carries on from what the database holds — a meeting left
 * without a job by a kill is asked for again, as a staff member would tap "Summarize" again.
 *
 *   node --import tsx test/chaos/job-feeder.ts --db FILE --target N --seed S --interval-ms MS
 */
const TITLE_PREFIX = 'chaos meeting';

const WORDS = (
  'stock shelf delivery invoice customer refund display window price label coffee grinder order supplier ' +
  'schedule rota weekend holiday training register float card terminal printer receipt loyalty voucher ' +
  'cleaning fridge temperature audit safety ladder storage backroom pallet returns damaged sample promotion'
).split(' ');

/** The transcript of meeting number `index`: deterministic from the seed, every line tagged with its marker. */
function chaosTranscript(seed: string, index: number): { title: string; marker: string; transcript: string } {
  const rand = seededRandom(`${seed}/meeting/${index}`);
  const marker = `${index.toString(36)}x${Math.floor(rand() * 36 ** 4).toString(36)}`;
  const lines: string[] = [];
  const n = 6 + Math.floor(rand() * 10);
  for (let i = 0; i < n; i++) {
    const words = Array.from(
      { length: 6 + Math.floor(rand() * 8) },
      () => WORDS[Math.floor(rand() * WORDS.length)]!,
    );
    lines.push(`Item ref-${marker} ${i + 1}: we agreed the ${words.join(' ')}.`);
  }
  return { title: `${TITLE_PREFIX} ref-${marker}`, marker, transcript: lines.join('\n') };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string', default: '0' },
      'interval-ms': { type: 'string', default: '100' },
    },
  });
  if (!values.db || !values.target) {
    process.stderr.write('job-feeder: --db FILE and --target N are required\n');
    return 2;
  }
  const target = Number(values.target);
  const intervalMs = Number(values['interval-ms']);
  const config = loadConfig();
  const db = openDatabase(values.db);
  migrate(db, { file: values.db });
  const meetings = new MeetingRepository(db);
  const outbox = new SummaryOutbox(db, meetings, {
    maxJobAgeMs: config.offload.maxJobAgeMs,
    maxPayloadBytes: config.offload.maxPayloadBytes,
  });

  // A previous life may have died between adding a meeting and asking for its summary.
  const orphaned = db
    .prepare(
      `SELECT m.id FROM meetings m WHERE m.title LIKE ? AND NOT EXISTS
         (SELECT 1 FROM outbox o WHERE o.meeting_id = m.id AND o.kind = 'summarize') ORDER BY m.rowid`,
    )
    .all(`${TITLE_PREFIX} %`) as { id: string }[];
  for (const m of orphaned) outbox.enqueueSummary(m.id);
  if (orphaned.length)
    process.stdout.write(`job-feeder: re-requested ${orphaned.length} meeting(s) left without a job\n`);

  const countMeetings = db.prepare('SELECT count(*) AS n FROM meetings WHERE title LIKE ?');
  for (;;) {
    const index = (countMeetings.get(`${TITLE_PREFIX} %`) as { n: number }).n;
    if (index >= target) break;
    const t = chaosTranscript(values.seed ?? '0', index);
    const meeting = meetings.importTranscript({ title: t.title, transcript: t.transcript, staff: 'chaos' });
    const job = outbox.enqueueSummary(meeting.id);
    if (index % 25 === 0) process.stdout.write(`job-feeder: ${index + 1}/${target} (job ${job.jobId})\n`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  db.close();
  process.stdout.write(`job-feeder: done, ${target} meetings requested\n`);
  return 0;
}

process.exitCode = await main();
