import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../store/database.ts';
import { LoginAttempts } from '../../store/login-attempts.ts';
import { migrate } from '../../store/migrate.ts';
import { LoginThrottle, type LockoutPolicy } from './login-throttle.ts';

// Real: the SQLite table from migration 0003 behind the throttle; the clock is a number we move.
const POLICY: LockoutPolicy = {
  maxFailures: 3,
  lockoutMs: 10_000,
  maxLockoutMs: 40_000,
  globalFreeFailures: 6,
  globalBaseDelayMs: 1000,
  globalMaxDelayMs: 8000,
  forgetAfterMs: 3_600_000,
};
let db: SqliteDb;
afterEach(() => db?.close());

function throttle(policy: Partial<LockoutPolicy> = {}): LoginThrottle {
  db = openDatabase(':memory:');
  migrate(db);
  return new LoginThrottle(new LoginAttempts(db), { ...POLICY, ...policy });
}

/** One wrong PIN at `now`; returns the lock in ms it caused (0 = none) or the refusal before the check. */
function wrong(t: LoginThrottle, client: string, now: number): string {
  const g = t.begin(client, now);
  if (!g.open) return `refused ${g.scope} ${g.retryAfterMs}`;
  const f = t.failed(client, now);
  return f.open ? 'wrong' : `locked ${f.retryAfterMs}`;
}

describe('LoginThrottle', () => {
  it('doubles a client lockout each time up to the cap, and a good PIN resets it', () => {
    const t = throttle({ globalFreeFailures: 1000 }); // one client alone: the global backstop stays out of it
    let now = 0;
    const seen: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) seen.push(wrong(t, 'a', now));
      now += 60_000;
    }
    // 10 s, 20 s, 40 s, then capped at 40 s (expected values from the policy above, not the code).
    expect(seen.filter((s) => s.startsWith('locked'))).toEqual([
      'locked 10000',
      'locked 20000',
      'locked 40000',
      'locked 40000',
    ]);
    expect(t.begin('a', now).open).toBe(true);
    t.succeeded('a');
    for (let i = 0; i < 3; i++) seen.push(wrong(t, 'a', now));
    expect(seen.at(-1)).toBe('locked 10000');
  });

  it('counts an attempt before the PIN is checked: a crash mid-check still costs the guess', () => {
    const t = throttle();
    t.begin('a', 0);
    t.begin('a', 0); // two checks that never reported (process killed)
    const fresh = new LoginThrottle(new LoginAttempts(db), POLICY);
    expect(wrong(fresh, 'a', 1)).toBe('locked 10000');
  });

  it('the global backstop delays every client with a doubling wait, capped, and never locks for long', () => {
    const t = throttle();
    let now = 0;
    for (let c = 0; c < 3; c++) for (let i = 0; i < 2; i++) expect(wrong(t, `c${c}`, now)).toBe('wrong');
    // 6 failures = the free allowance; now every try waits 1 s, 2 s, 4 s, 8 s, 8 s after the last failure.
    expect(t.begin('fresh', now)).toMatchObject({ open: false, scope: 'global', retryAfterMs: 1000 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += t.lockedForMs(`x${i}`, now);
      waits.push(now);
      expect(wrong(t, `x${i}`, now)).toBe('wrong');
    }
    expect(waits.map((w, i) => w - (i === 0 ? 0 : waits[i - 1]!))).toEqual([1000, 2000, 4000, 8000, 8000]);
    t.succeeded('staff');
    expect(t.begin('anyone', now).open).toBe(true);
  });

  it('a good login prunes rows of clients quiet for longer than forgetAfterMs, keeping running locks', () => {
    const t = throttle({ globalFreeFailures: 1000 });
    wrong(t, 'old-rotated-id', 0);
    for (let i = 0; i < 3; i++) wrong(t, 'locked-long', 0);
    const later = POLICY.forgetAfterMs + 1;
    t.begin('staff', later);
    t.succeeded('staff', later);
    const rows = (
      db.prepare('SELECT client FROM login_attempts ORDER BY client').all() as { client: string }[]
    ).map((r) => r.client);
    expect(rows).toEqual([]); // both quiet for a day; the 10 s lock ended long ago
    for (let i = 0; i < 3; i++) wrong(t, 'locked-now', later);
    t.succeeded('staff', later + POLICY.forgetAfterMs + 1); // its lock (10 s) is over, last failure a day ago
    expect(db.prepare('SELECT count(*) AS n FROM login_attempts').get()).toEqual({ n: 0 });
    for (let i = 0; i < 3; i++) wrong(t, 'still-locked', 0);
    t.succeeded('staff', 5000); // recent failures: kept
    expect(
      db.prepare("SELECT count(*) AS n FROM login_attempts WHERE client = 'still-locked'").get(),
    ).toEqual({ n: 1 });
  });
});
