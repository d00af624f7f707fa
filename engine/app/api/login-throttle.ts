import { GLOBAL_CLIENT, type AttemptRecords, type AttemptState } from '../../store/login-attempts.ts';

/**
 * How wrong staff PINs are slowed down. Per client first: `maxFailures` wrong PINs lock that client
 * for `lockoutMs`, doubling with each lockout in a row up to `maxLockoutMs`. Behind it a global
 * backstop for an attacker who rotates client ids: past `globalFreeFailures` wrong PINs (all clients,
 * since the last good login) every attempt must wait a delay that doubles up to `globalMaxDelayMs` —
 * it slows guessing to a crawl but never locks the kiosk for long, so one shopper cannot keep staff
 * out. Both forget after `forgetAfterMs` without a failure.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
  maxLockoutMs: number;
  globalFreeFailures: number;
  globalBaseDelayMs: number;
  globalMaxDelayMs: number;
  forgetAfterMs: number;
}

/** Defaults for what config does not set (config sets maxFailures and lockoutMs). */
export const LOCKOUT_DEFAULTS = {
  globalFreeFailures: 20,
  globalBaseDelayMs: 1000,
  globalMaxDelayMs: 60_000,
  forgetAfterMs: 24 * 3600_000,
} as const;

const EMPTY: AttemptState = { failures: 0, lockouts: 0, lockedUntilMs: 0, lastFailureMs: 0 };

export type Gate = { open: true } | { open: false; retryAfterMs: number; scope: 'client' | 'global' };

/** Counts attempts in durable records and decides, before a PIN is checked, whether it may be. */
export class LoginThrottle {
  constructor(
    private readonly records: AttemptRecords,
    private readonly policy: LockoutPolicy,
  ) {}

  /**
   * Decides whether `client` may try a PIN now and, if so, counts the attempt as a failure BEFORE the
   * PIN is checked (a crash during the check then still costs the guess). `succeeded` undoes it.
   */
  begin(client: string, now: number): Gate & { attemptsLeft?: number } {
    const mine = this.load(client, now);
    // A crash after counting the limit-reaching attempt but before locking: lock now.
    if (mine.failures >= this.policy.maxFailures) this.lock(client, mine, now);
    if (mine.lockedUntilMs > now)
      return { open: false, retryAfterMs: mine.lockedUntilMs - now, scope: 'client' };
    const global = this.load(GLOBAL_CLIENT, now);
    const wait = globalDelay(global, this.policy);
    if (wait > 0 && global.lastFailureMs + wait > now)
      return { open: false, retryAfterMs: global.lastFailureMs + wait - now, scope: 'global' };
    this.records.put(GLOBAL_CLIENT, { ...global, failures: global.failures + 1, lastFailureMs: now });
    const counted = { ...mine, failures: mine.failures + 1, lastFailureMs: now };
    this.records.put(client, counted);
    return { open: true, attemptsLeft: Math.max(0, this.policy.maxFailures - counted.failures) };
  }

  /** The attempt begun for `client` was the wrong PIN: lock it when that was one too many. */
  failed(client: string, now: number): Gate {
    const mine = this.load(client, now);
    if (mine.failures < this.policy.maxFailures) return { open: true };
    const until = this.lock(client, mine, now);
    return { open: false, retryAfterMs: until - now, scope: 'client' };
  }

  /** A good PIN: this client and the global backstop start again from nothing; long-quiet rows go. */
  succeeded(client: string, now = Date.now()): void {
    this.records.clear(client);
    this.records.clear(GLOBAL_CLIENT);
    this.records.prune?.(now - this.policy.forgetAfterMs, now);
  }

  /** Remaining lockout for `client` (0 when it may try), counting the global backstop. */
  lockedForMs(client: string, now: number): number {
    const mine = this.load(client, now);
    const global = this.load(GLOBAL_CLIENT, now);
    const wait = globalDelay(global, this.policy);
    return Math.max(0, mine.lockedUntilMs - now, wait > 0 ? global.lastFailureMs + wait - now : 0);
  }

  private load(client: string, now: number): AttemptState {
    const s = this.records.get(client) ?? EMPTY;
    const quiet =
      s.lastFailureMs > 0 && now - s.lastFailureMs > this.policy.forgetAfterMs && s.lockedUntilMs <= now;
    return quiet ? { ...EMPTY } : s;
  }

  private lock(client: string, mine: AttemptState, now: number): number {
    const lockouts = mine.lockouts + 1;
    const ms = Math.min(this.policy.maxLockoutMs, this.policy.lockoutMs * 2 ** (lockouts - 1));
    const until = now + ms;
    this.records.put(client, { failures: 0, lockouts, lockedUntilMs: until, lastFailureMs: now });
    mine.failures = 0;
    mine.lockouts = lockouts;
    mine.lockedUntilMs = until;
    return until;
  }
}

/** The wait the global backstop imposes after its last failure (0 below the free allowance). */
function globalDelay(global: AttemptState, p: LockoutPolicy): number {
  const over = global.failures - p.globalFreeFailures;
  if (over < 0) return 0;
  return Math.min(p.globalMaxDelayMs, p.globalBaseDelayMs * 2 ** Math.min(over, 30));
}
