import { appendFileSync, writeSync } from 'node:fs';
import { FaultPlan, parseFaultRules } from './fault-plan.ts';

/**
 * Crash points for the fault-injection suite (test/chaos). Production code marks each durability
 * boundary with `faultPoint('kiosk.after-commit-before-puback')`; unless VOICE_KIOSK_FAULTS arms that
 * name, the call is one boolean check. When armed and the seeded schedule says so, the process dies
 * with SIGKILL right there — no finally blocks, no flush, exactly like a power cut or an OOM kill.
 *
 * Environment:
 *   VOICE_KIOSK_FAULTS      rules, see fault-plan.ts (e.g. `kiosk.after-enqueue:0.05,cloud.during-backend:1@3`)
 *   VOICE_KIOSK_FAULT_SEED  seed for the schedule (default '0'), so a failing run can be replayed
 *   VOICE_KIOSK_FAULT_LOG   optional file; one JSON line per fired fault is appended before dying,
 *                           so the supervisor can count kills per boundary
 */

let plan: FaultPlan | null | undefined;

function loadPlan(): FaultPlan | null {
  const spec = process.env.VOICE_KIOSK_FAULTS?.trim();
  if (!spec) return null;
  const p = new FaultPlan(parseFaultRules(spec), process.env.VOICE_KIOSK_FAULT_SEED ?? '0');
  return p.empty ? null : p;
}

/** Marks a crash boundary; kills this process with SIGKILL when the armed schedule fires here. */
export function faultPoint(name: string): void {
  if (plan === undefined) plan = loadPlan();
  if (plan === null) return;
  const { fire, hits } = plan.hit(name);
  if (!fire) return;
  const record = JSON.stringify({ fault: name, hit: hits, pid: process.pid, atMs: Date.now() });
  // Synchronous writes only: the next line ends the process without flushing anything asynchronous.
  const logFile = process.env.VOICE_KIOSK_FAULT_LOG;
  if (logFile) {
    try {
      appendFileSync(logFile, record + '\n');
    } catch {
      // The kill matters more than its record.
    }
  }
  try {
    writeSync(2, `voice-kiosk fault: ${record}\n`);
  } catch {
    // stderr may be closed; still die.
  }
  process.kill(process.pid, 'SIGKILL');
}

/** Re-reads the environment; only for tests that change VOICE_KIOSK_FAULTS inside one process. */
export function resetFaultPointsForTest(): void {
  plan = undefined;
}
