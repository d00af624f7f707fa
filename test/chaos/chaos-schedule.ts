import { seededRandom } from '../../engine/faults/fault-plan.ts';

/**
 * The seeded plan of a chaos run: which fault point each life of each process arms, and the timed
 * outside faults (kill -9, network, broker). Everything derives from one seed, printed at the start
 * of the run, so `CHAOS_SEED=<seed>` replays the same schedule.
 */

/** Crash boundaries in the kiosk relay (`voice-kiosk engine`). */
export const KIOSK_BOUNDARIES = [
  'kiosk.after-publish-before-puback',
  'kiosk.handle-message-before-commit',
  'kiosk.after-commit-before-puback',
] as const;

/** Crash boundary in whatever enqueues jobs (the staff CLI / the job feeder). */
export const ENQUEUE_BOUNDARY = 'kiosk.after-enqueue';

/** Crash boundaries in a summarizer worker. */
export const WORKER_BOUNDARIES = [
  'cloud.after-claim-before-puback',
  'cloud.during-backend',
  'cloud.before-store',
  'cloud.after-store',
] as const;

export type OutsideFault =
  | { kind: 'kill-kiosk' }
  | { kind: 'kill-worker'; worker: number }
  | { kind: 'cut' }
  | { kind: 'blackhole'; durationMs: number }
  | { kind: 'half-open'; direction: 'up' | 'down'; durationMs: number }
  | { kind: 'broker-kill9'; downMs: number }
  | { kind: 'offline-past-session-expiry'; durationMs: number };

export interface TimedFault {
  atMs: number;
  fault: OutsideFault;
}

export interface ScheduleOptions {
  seed: string;
  /** Length of the chaos phase; the outside faults are spread over it. */
  chaosMs: number;
  /** The kiosk's session expiry, so the long-offline episode outlasts it. */
  sessionExpirySec: number;
}

/**
 * Outside faults at seeded times, each kind at least once, none overlapping: every fault is healed
 * before the next begins, so the run shows recovery from each, not only from a pile-up.
 */
export function outsideFaults(opts: ScheduleOptions): TimedFault[] {
  const rand = seededRandom(`${opts.seed}/outside`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => Math.round(lo + rand() * (hi - lo));
  const expiryMs = opts.sessionExpirySec * 1000;
  const menu: Array<() => OutsideFault> = [
    () => ({ kind: 'kill-kiosk' }),
    () => ({ kind: 'kill-worker', worker: between(0, 1) }),
    () => ({ kind: 'cut' }),
    () => ({ kind: 'blackhole', durationMs: between(800, 2500) }),
    () => ({ kind: 'half-open', direction: pick(['up', 'down'] as const), durationMs: between(800, 2500) }),
    () => ({ kind: 'broker-kill9', downMs: between(300, 1500) }),
  ];
  // Every kind once (in seeded order), then seeded extras while the chaos phase lasts.
  const order = [...menu];
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  order.splice(between(1, order.length), 0, () => ({
    kind: 'offline-past-session-expiry',
    durationMs: expiryMs + 2500,
  }));
  const out: TimedFault[] = [];
  let t = 1500;
  let i = 0;
  while (t < opts.chaosMs) {
    const fault = i < order.length ? order[i]!() : pick(menu)();
    out.push({ atMs: t, fault });
    t += faultSpanMs(fault) + between(1200, 3000);
    i++;
  }
  return out;
}

/** How long a fault occupies the schedule (its own duration plus time to restart what it killed). */
export function faultSpanMs(f: OutsideFault): number {
  switch (f.kind) {
    case 'blackhole':
    case 'half-open':
    case 'offline-past-session-expiry':
      return f.durationMs;
    case 'broker-kill9':
      return f.downMs;
    default:
      return 0;
  }
}

/**
 * The VOICE_KIOSK_FAULTS value for one life of a process: the boundary with the fewest kills so far
 * (ties rotate with the life number), firing on a seeded hit number. Once every boundary has `perBoundary`
 * kills the process runs clean, so the run converges. Choosing by the kills actually recorded (not
 * by life number) means a life cut short by an outside kill does not leave a boundary untested.
 */
export function armedFault(
  seed: string,
  process: string,
  boundaries: readonly string[],
  life: number,
  killsSoFar: Readonly<Record<string, number>>,
  perBoundary: number,
  maxHit: number,
  /** Staggers processes that share boundaries (the two workers), so they do not arm the same one. */
  offset = 0,
): string {
  const rand = seededRandom(`${seed}/${process}/${life}`);
  const fewest = Math.min(...boundaries.map((b) => killsSoFar[b] ?? 0));
  if (fewest >= perBoundary) return '';
  const candidates = boundaries.filter((b) => (killsSoFar[b] ?? 0) === fewest);
  const boundary = candidates[(life + offset) % candidates.length]!;
  const hit = 1 + Math.floor(rand() * maxHit);
  return `${boundary}:1@${hit}`;
}

/** Describes a fault for the run log. */
export function describeFault(f: OutsideFault): string {
  switch (f.kind) {
    case 'kill-worker':
      return `kill -9 worker ${f.worker}`;
    case 'blackhole':
      return `blackhole ${f.durationMs} ms`;
    case 'half-open':
      return `half-open ${f.direction} ${f.durationMs} ms`;
    case 'broker-kill9':
      return `kill -9 broker, down ${f.downMs} ms`;
    case 'offline-past-session-expiry':
      return `kiosk offline ${f.durationMs} ms (past session expiry)`;
    case 'kill-kiosk':
      return 'kill -9 kiosk engine';
    case 'cut':
      return 'cut all connections';
  }
}
