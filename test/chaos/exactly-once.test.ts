import { afterAll, describe, expect, it } from 'vitest';
import { ENQUEUE_BOUNDARY, KIOSK_BOUNDARIES, WORKER_BOUNDARIES } from './chaos-schedule.ts';
import { ChaosRun, type ChaosFigures } from './chaos-run.ts';

/**
 * Issue 4 §5: every summary requested is delivered exactly once into the kiosk's cache, whatever
 * fails in between.
 *
 * Real: Mosquitto (our own process, default autosave), the kiosk relay `voice-kiosk engine`, two
 * `voice-kiosk summarizer` workers (extractive backend) on one shared subscription with the
 * PostgreSQL job store on 127.0.0.1:5432, the kiosk's SQLite database, and the job feeder using the
 * kiosk's own repositories — all separate processes, killed with SIGKILL. Test-owned: the TCP fault
 * proxy between the kiosk and the broker, the supervisor that restarts the dead, and the checker.
 *
 * Replay a run: CHAOS_SEED=<printed seed> npx vitest run test/chaos/exactly-once.test.ts
 * Knobs: CHAOS_JOBS (default 220), CHAOS_MS (chaos phase, default 45000), CHAOS_DRAIN_MS (default 120000),
 * CHAOS_KEEP=1 keeps the run dir.
 */
const seed = process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31).toString(36);
const jobs = Number(process.env.CHAOS_JOBS ?? 220);
const chaosMs = Number(process.env.CHAOS_MS ?? 45_000);
const log = (line: string) => process.stdout.write(`[chaos ${seed}] ${line}\n`);

describe(`exactly-once delivery under faults (seed ${seed})`, () => {
  const run = new ChaosRun({
    seed,
    jobs,
    chaosMs,
    drainTimeoutMs: Number(process.env.CHAOS_DRAIN_MS ?? 120_000),
    sessionExpirySec: 8,
    killsPerBoundary: 2,
    log,
  });
  let figures: ChaosFigures | null = null;
  let failed = true;

  afterAll(async () => {
    const keep = failed || process.env.CHAOS_KEEP === '1';
    if (keep) log(`run dir kept for inspection: ${run.runDir} (broker: ${run.broker.dir})`);
    await run.dispose(keep);
  });

  it(
    `delivers each of ${jobs} summaries exactly once through kills, cuts, blackholes, half-open links, a broker kill -9 and session expiry`,
    async () => {
      log(`seed ${seed}: ${jobs} jobs, ${chaosMs} ms of chaos, run dir ${run.runDir}`);
      await run.start();
      await run.chaos();
      const drainMs = await run.drain();
      figures = await run.finish(drainMs);
      printFigures(figures);

      expect(figures.integrity).toBe('ok');
      expect(figures.cliJobs).toBe(2);
      expect(figures.jobs).toBeGreaterThanOrEqual(jobs + figures.cliJobs);
      expect({ lost: figures.lost, notDone: figures.notDone, examples: figures.examples.lost }).toEqual({
        lost: 0,
        notDone: 0,
        examples: [],
      });
      expect(figures.duplicatesStored).toBe(0);
      expect(figures.orphans).toBe(0);
      expect(figures.wrongMeeting).toBe(0);
      expect(figures.duplicatesDelivered).toBeGreaterThan(0);
      // Every crash boundary was actually crossed with a SIGKILL, not merely armed.
      for (const b of [...KIOSK_BOUNDARIES, ...WORKER_BOUNDARIES, ENQUEUE_BOUNDARY])
        expect(figures.kills[b] ?? 0, b).toBeGreaterThan(0);
      expect(figures.restarts.broker).toBeGreaterThan(0);
      expect(figures.sessionExpiries).toBeGreaterThan(0);
      expect(figures.cloud.missing).toBe(0);
      failed = false;
    },
    chaosMs + 240_000,
  );
});

function printFigures(f: ChaosFigures): void {
  const lines = [
    `seed ${f.seed}`,
    `jobs ${f.jobs} (${f.cliJobs} through the staff CLI; published ${f.publishes} times), lost ${f.lost}, not done ${f.notDone}`,
    `duplicates delivered ${f.duplicatesDelivered}, duplicates stored ${f.duplicatesStored}, orphans ${f.orphans}, wrong meeting ${f.wrongMeeting}`,
    `integrity ${f.integrity}`,
    `fault-point kills ${JSON.stringify(f.kills)}`,
    `outside faults ${JSON.stringify(f.outside)}`,
    `restarts ${JSON.stringify(f.restarts)}, kiosk sessions expired by the broker ${f.sessionExpiries}`,
    `cloud store: ${f.cloud.jobs} jobs, ${f.cloud.done} done, ${f.cloud.takenOver} claimed more than once, ${f.cloud.missing} missing`,
    `proxy ${JSON.stringify(f.proxy)}`,
    `drain ${(f.drainMs / 1000).toFixed(1)} s after the last fault`,
  ];
  for (const l of lines) log(`figures: ${l}`);
}
