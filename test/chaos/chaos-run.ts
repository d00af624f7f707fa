import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../engine/store/database.ts';
import { migrate } from '../../engine/store/migrate.ts';
import { PostgresJobStore } from '../../cloud/store/postgres-job-store.ts';
import {
  armedFault,
  describeFault,
  ENQUEUE_BOUNDARY,
  KIOSK_BOUNDARIES,
  outsideFaults,
  WORKER_BOUNDARIES,
  type OutsideFault,
} from './chaos-schedule.ts';
import { checkKioskDatabase, countFaults, type KioskFigures } from './delivery-checker.ts';
import { FaultProxy } from './fault-proxy.ts';
import { MosquittoBroker } from './mosquitto.ts';
import { ProcessSupervisor } from './process-supervisor.ts';
import { cloudJobFigures, dropSchema, outboxProgress, type CloudFigures } from './run-stores.ts';

/**
 * One chaos run: our own Mosquitto (default autosave) behind a fault proxy, the kiosk relay
 * (`voice-kiosk engine`), two summarizer workers on one shared subscription with a PostgreSQL job
 * store, and the job feeder — all real child processes, killed and restarted on a seeded schedule.
 * Then every fault is healed, the outbox drains, and the checker reads what is left.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(REPO_ROOT, 'bin', 'voice-kiosk.mjs');
const PG_URL = process.env.CHAOS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ChaosOptions {
  seed: string;
  jobs: number;
  chaosMs: number;
  /** Longest wait for the outbox to drain once faults stop. */
  drainTimeoutMs: number;
  /** Kiosk session expiry during the run (the offline episode outlasts it). */
  sessionExpirySec: number;
  /** Fault-point kills wanted at each boundary (lives keep arming one until each has this many). */
  killsPerBoundary: number;
  log: (line: string) => void;
}

export interface ChaosFigures extends KioskFigures {
  seed: string;
  kills: Record<string, number>;
  outside: Record<string, number>;
  restarts: Record<string, number>;
  cloud: CloudFigures;
  /** Times the broker expired the kiosk's session while it was away (from the Mosquitto log). */
  sessionExpiries: number;
  /** Jobs requested through the staff CLI (`meetings add` + `meetings summarize`) during the chaos. */
  cliJobs: number;
  drainMs: number;
  proxy: FaultProxy['stats'];
  runDir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = promisify(execFile);

export class ChaosRun {
  readonly runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  readonly runDir = mkdtempSync(path.join(os.tmpdir(), 'vk-chaos-'));
  readonly kioskDb = path.join(this.runDir, 'kiosk.db');
  readonly faultLog = path.join(this.runDir, 'faults.log');
  readonly deviceId = `chaos-${this.runId}`;
  readonly pgSchema = `chaos_${this.runId}`;
  readonly broker = new MosquittoBroker();
  proxy!: FaultProxy;
  /** Outside faults stop; fault points stay armed only until each boundary has at least one kill. */
  private healing = false;
  private readonly procs: ProcessSupervisor[] = [];
  private readonly outside: Record<string, number> = {};
  private cliJobs = 0;
  kiosk!: ProcessSupervisor;
  workers: ProcessSupervisor[] = [];
  feeder!: ProcessSupervisor;

  constructor(private readonly opts: ChaosOptions) {}

  /** Environment shared by every child: the fault log and a per-life seed. */
  private childEnv(name: string, life: number, faults: string): NodeJS.ProcessEnv {
    return {
      ...process.env,
      VOICE_KIOSK_FAULTS: faults,
      VOICE_KIOSK_FAULT_SEED: `${this.opts.seed}/${name}/${life}`,
      VOICE_KIOSK_FAULT_LOG: this.faultLog,
      VOICE_KIOSK_DEVICE_ID: this.deviceId,
    };
  }

  /** Fault-point kills recorded so far, per boundary. */
  kills(): Record<string, number> {
    return countFaults(existsSync(this.faultLog) ? readFileSync(this.faultLog, 'utf8') : '');
  }

  private supervise(spec: ConstructorParameters<typeof ProcessSupervisor>[0]): ProcessSupervisor {
    const p = new ProcessSupervisor(spec);
    this.procs.push(p);
    return p;
  }

  async start(): Promise<void> {
    const { seed } = this.opts;
    const k = () => (this.healing ? 1 : this.opts.killsPerBoundary);
    const kills = () => this.kills();
    await this.broker.start();
    this.proxy = new FaultProxy({ host: '127.0.0.1', port: this.broker.port });
    await this.proxy.start();
    // Both databases are created before any process starts, so the feeder and the relay (and the two
    // workers) do not race each other through the first migration.
    const db = openDatabase(this.kioskDb);
    migrate(db, { file: this.kioskDb });
    db.close();
    const jobStore = new PostgresJobStore(PG_URL, { schema: this.pgSchema });
    await jobStore.init();
    await jobStore.close();

    const kioskUrl = `mqtt://127.0.0.1:${this.proxy.port}`;
    this.kiosk = this.supervise({
      name: 'kiosk',
      command: process.execPath,
      args: [CLI, 'engine', '--db', this.kioskDb, '--mqtt', kioskUrl],
      cwd: REPO_ROOT,
      logFile: path.join(this.runDir, 'kiosk.log'),
      env: (life) => ({
        ...this.childEnv('kiosk', life, armedFault(seed, 'kiosk', KIOSK_BOUNDARIES, life, kills(), k(), 5)),
        VOICE_KIOSK_SUMMARIZER_EMBEDDED: 'false',
        VOICE_KIOSK_OFFLOAD_SESSION_EXPIRY_SEC: String(this.opts.sessionExpirySec),
        VOICE_KIOSK_OFFLOAD_RESEND_BASE_MS: '2000',
        VOICE_KIOSK_OFFLOAD_RESEND_MAX_MS: '8000',
        VOICE_KIOSK_OFFLOAD_RECONCILE_INTERVAL_MS: '5000',
      }),
    });
    for (let w = 0; w < 2; w++) {
      this.workers.push(
        this.supervise({
          name: `worker${w}`,
          command: process.execPath,
          // A stable client id gives each worker a persistent session (as in production); a short
          // lease makes a dead worker's claimed jobs available to the other one within the run.
          args: [
            CLI,
            'summarizer',
            '--mqtt',
            this.broker.url,
            '--store',
            PG_URL,
            '--pg-schema',
            this.pgSchema,
            '--client-id',
            `w${w}-${this.runId}`,
            '--lease-ms',
            '3000',
          ],
          cwd: REPO_ROOT,
          logFile: path.join(this.runDir, `worker${w}.log`),
          env: (life) =>
            this.childEnv(
              `worker${w}`,
              life,
              armedFault(seed, `worker${w}`, WORKER_BOUNDARIES, life, kills(), k(), 4, 2 * w),
            ),
        }),
      );
    }
    const intervalMs = Math.max(20, Math.floor((this.opts.chaosMs * 0.7) / this.opts.jobs));
    this.feeder = this.supervise({
      name: 'feeder',
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        path.join(REPO_ROOT, 'test/chaos/job-feeder.ts'),
        '--db',
        this.kioskDb,
        '--target',
        String(this.opts.jobs),
        '--seed',
        seed,
        '--interval-ms',
        String(intervalMs),
      ],
      cwd: REPO_ROOT,
      logFile: path.join(this.runDir, 'feeder.log'),
      oneShot: true,
      env: (life) =>
        this.childEnv('feeder', life, armedFault(seed, 'feeder', [ENQUEUE_BOUNDARY], life, kills(), k(), 40)),
    });
    for (const w of this.workers) w.start();
    this.kiosk.start();
    this.feeder.start();
  }

  /** Runs the seeded outside faults over the chaos phase, each healed before the next. */
  async chaos(): Promise<void> {
    const schedule = outsideFaults({
      seed: this.opts.seed,
      chaosMs: this.opts.chaosMs,
      sessionExpirySec: this.opts.sessionExpirySec,
    });
    const t0 = Date.now();
    // Staff at the kiosk, concurrently with the relay and the feeder: the CLI opens the same database.
    const staff = (async () => {
      for (let i = 0; i < 2; i++) {
        await sleep(this.opts.chaosMs * (0.25 + 0.4 * i));
        await this.staffRequestsSummary(i);
      }
    })();
    for (const { atMs, fault } of schedule) {
      const wait = t0 + atMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.opts.log(`chaos +${((Date.now() - t0) / 1000).toFixed(1)}s: ${describeFault(fault)}`);
      this.outside[fault.kind] = (this.outside[fault.kind] ?? 0) + 1;
      await this.inject(fault);
    }
    const rest = t0 + this.opts.chaosMs - Date.now();
    if (rest > 0) await sleep(rest);
    await staff;
  }

  /** `voice-kiosk meetings add` then `meetings summarize`, as a staff member would type them. */
  private async staffRequestsSummary(i: number): Promise<void> {
    const transcript = path.join(this.runDir, `staff-${i}.txt`);
    const marker = `staff${i}${this.runId}`;
    writeFileSync(
      transcript,
      [1, 2, 3, 4]
        .map((n) => `Point ref-${marker} ${n}: the weekend rota and the coffee order were agreed.`)
        .join('\n'),
    );
    const cli = (args: string[]) =>
      run(process.execPath, [CLI, ...args, '--db', this.kioskDb], {
        cwd: REPO_ROOT,
        env: { ...process.env, VOICE_KIOSK_FAULTS: '' },
      });
    const added = await cli([
      'meetings',
      'add',
      '--title',
      `staff meeting ref-${marker}`,
      '--transcript',
      transcript,
    ]);
    const meetingId = added.stdout.trim();
    const queued = await cli(['meetings', 'summarize', meetingId]);
    this.cliJobs += 1;
    this.opts.log(`staff CLI: meeting ${meetingId} → job ${queued.stdout.trim()}`);
  }

  private async inject(f: OutsideFault): Promise<void> {
    switch (f.kind) {
      case 'kill-kiosk':
        await this.kiosk.kill9();
        return;
      case 'kill-worker':
        await this.workers[f.worker]!.kill9();
        return;
      case 'cut':
        this.proxy.cut();
        return;
      case 'blackhole':
        this.proxy.blackhole();
        await sleep(f.durationMs);
        this.proxy.restore();
        return;
      case 'half-open':
        this.proxy.halfOpen(f.direction);
        await sleep(f.durationMs);
        this.proxy.restore();
        return;
      case 'broker-kill9':
        await this.broker.kill9();
        await sleep(f.downMs);
        await this.broker.start();
        return;
      case 'offline-past-session-expiry': {
        // Only a session the broker holds can expire: wait until the kiosk is connected (it may be
        // restarting after a kill, or reconnecting to a restarted broker that lost its session).
        const end = Date.now() + 20_000;
        while (this.proxy.openConnections === 0 && Date.now() < end) await sleep(100);
        await sleep(500);
        this.proxy.refuse();
        await sleep(f.durationMs);
        this.proxy.restore();
        return;
      }
    }
  }

  /** Stops injecting faults and waits until the feeder has finished and every job is done. */
  async drain(): Promise<number> {
    this.healing = true;
    this.proxy.restore();
    if (!this.broker.running) await this.broker.start();
    const t0 = Date.now();
    const end = t0 + this.opts.drainTimeoutMs;
    let lastLog = 0;
    while (Date.now() < end) {
      const open = outboxProgress(this.kioskDb);
      const done = this.feeder.finished && open.open === 0 && open.total >= this.opts.jobs + this.cliJobs;
      if (done || Date.now() - lastLog >= 3000) {
        lastLog = Date.now();
        this.opts.log(
          `drain +${((Date.now() - t0) / 1000).toFixed(1)}s: feeder ${this.feeder.finished ? 'finished' : 'running'}, open jobs ${open.open}/${open.total}`,
        );
      }
      if (done) return Date.now() - t0;
      await sleep(500);
    }
    this.opts.log(`drain: timed out after ${this.opts.drainTimeoutMs} ms`);
    return Date.now() - t0;
  }

  /** Stops every process and reads the figures. */
  async finish(drainMs: number): Promise<ChaosFigures> {
    await Promise.all(this.procs.map((p) => p.dispose()));
    const kiosk = checkKioskDatabase(this.kioskDb);
    const cloud = await cloudJobFigures(PG_URL, this.pgSchema, this.kioskDb);
    const kills = this.kills();
    const restarts: Record<string, number> = {};
    for (const p of this.procs) restarts[p.name] = Math.max(0, p.starts - 1);
    restarts.broker = Math.max(0, this.broker.starts - 1);
    const brokerLog = existsSync(this.broker.logFile) ? readFileSync(this.broker.logFile, 'utf8') : '';
    const sessionExpiries = brokerLog
      .split('\n')
      .filter((l) => l.includes(`Expiring client ${this.deviceId} `)).length;
    return {
      ...kiosk,
      seed: this.opts.seed,
      kills,
      outside: this.outside,
      restarts,
      cloud,
      sessionExpiries,
      cliJobs: this.cliJobs,
      drainMs,
      proxy: this.proxy.stats,
      runDir: this.runDir,
    };
  }

  /** Removes the broker, the PostgreSQL schema and (unless kept for a failing run) the run directory. */
  async dispose(keepDir: boolean): Promise<void> {
    await Promise.all(this.procs.map((p) => p.dispose()));
    await this.proxy?.stop();
    await this.broker.stop();
    await dropSchema(PG_URL, this.pgSchema);
    if (!keepDir) rmSync(this.runDir, { recursive: true, force: true });
    if (!keepDir) rmSync(this.broker.dir, { recursive: true, force: true });
  }
}
