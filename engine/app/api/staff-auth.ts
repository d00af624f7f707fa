import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { EngineError } from '../../errors/engine-error.ts';
import { MemoryAttempts, type AttemptRecords } from '../../store/login-attempts.ts';
import { LOCKOUT_DEFAULTS, LoginThrottle, type Gate, type LockoutPolicy } from './login-throttle.ts';

const SCRYPT = { N: 16_384, r: 8, p: 1, keyLen: 32 } as const;
const PIN_RE = /^[0-9]{4,12}$/;

function scryptAsync(pin: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a staff PIN for the staff_pins table: `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashPin(pin: string): Promise<string> {
  if (!PIN_RE.test(pin)) throw new EngineError('bad-input', 'a staff PIN is 4 to 12 digits', { stage: 'api' });
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a PIN against a stored hash in constant time; a malformed hash is a config error, not a miss. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const [kind, n, r, p, saltB64, keyB64] = parts;
  if (parts.length !== 6 || kind !== 'scrypt' || !saltB64 || !keyB64) {
    throw new EngineError('bad-input', 'a stored staff PIN is not a scrypt hash made by `voice-kiosk staff set-pin`', {
      stage: 'config',
    });
  }
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(pin, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A staff member's name and PIN hash, as stored in the kiosk database (engine/store/staff-pins.ts). */
export interface StaffPinEntry {
  name: string;
  pinHash: string;
}

/** The message staff see while no PIN exists: the one thing to do, word for word. */
export const NO_PIN_MESSAGE = 'No staff PIN is set yet. On the kiosk, run: voice-kiosk staff set-pin --name YOUR-NAME';

/**
 * The name whose hash the PIN matches, or null. Every stored hash is checked (no early exit), so the
 * time taken does not tell which position matched; two staff with one PIN resolve to the first name.
 */
async function matchPin(pin: string, pins: StaffPinEntry[]): Promise<string | null> {
  let who: string | null = null;
  for (const p of pins) if ((await verifyPin(pin, p.pinHash)) && who === null) who = p.name;
  return who;
}

export interface StaffAuthOptions {
  /** Read on every login, so a PIN set by `voice-kiosk staff set-pin` in another process works at once. */
  pins: () => StaffPinEntry[];
  maxFailures: number;
  lockoutMs: number;
  /** Longest per-client lockout once lockouts escalate (default 8 × lockoutMs). */
  maxLockoutMs?: number;
  /** The global backstop and forgetting (login-throttle.ts); defaults in LOCKOUT_DEFAULTS. */
  policy?: Partial<Omit<LockoutPolicy, 'maxFailures' | 'lockoutMs' | 'maxLockoutMs'>>;
  /** Where attempts are counted; the kiosk passes its SQLite table so a restart forgets nothing. */
  attempts?: AttemptRecords;
  /** A session unused this long is gone (sliding): the same value the staff screen logs out after. */
  idleTimeoutMs?: number;
  /** Hard cap on a session however busy it is. */
  sessionTtlMs?: number;
  now?: () => number;
}

export interface StaffSession {
  token: string;
  staff: string;
  /** When the session ends unless used again (sliding by idleTimeoutMs, never past hardExpiresAtMs). */
  expiresAtMs: number;
  hardExpiresAtMs: number;
}

/** Default staff idle logout, for callers without a config (config staff.idleLogoutMs is the real one). */
export const DEFAULT_STAFF_IDLE_MS = 3 * 60_000;

/**
 * Staff PIN login for the kiosk. Wrong PINs are counted per client, durably, before each PIN is
 * checked, with a global backstop that slows (never long-locks) everyone: see login-throttle.ts.
 * Sessions slide: each use extends them by the idle time the staff screen logs out after.
 */
export class StaffAuth {
  private readonly sessions = new Map<string, StaffSession>();
  private readonly throttle: LoginThrottle;
  private readonly now: () => number;
  private readonly ttl: number;
  /** How long a session lives unused; the staff screen's idle logout uses the same number. */
  readonly idleTimeoutMs: number;
  /** Serializes checks so parallel requests cannot each slip in under the failure limit. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: StaffAuthOptions) {
    this.now = opts.now ?? Date.now;
    this.ttl = opts.sessionTtlMs ?? 8 * 3600_000;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_STAFF_IDLE_MS;
    this.throttle = new LoginThrottle(opts.attempts ?? new MemoryAttempts(), {
      ...LOCKOUT_DEFAULTS,
      ...opts.policy,
      maxFailures: opts.maxFailures,
      lockoutMs: opts.lockoutMs,
      maxLockoutMs: opts.maxLockoutMs ?? opts.lockoutMs * 8,
    });
  }

  /** False until a PIN exists; until then the staff screen only says how to set one. */
  pinSet(): boolean {
    return this.opts.pins().length > 0;
  }

  /** Remaining lockout in ms for a client (0 when it may try a PIN). */
  lockedForMs(client = 'local'): number {
    return this.throttle.lockedForMs(client, this.now());
  }

  /** Logs in with a PIN; throws `unauthorized` (with attempts left) or `locked` (with retry time). */
  login(pin: string, client = 'local'): Promise<{ token: string; expiresAt: string; idleLogoutMs: number }> {
    const run = this.queue.then(() => this.check(pin, client));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async check(pin: string, client: string): Promise<{ token: string; expiresAt: string; idleLogoutMs: number }> {
    const pins = this.opts.pins();
    // Not a failed guess: there is nothing to guess yet, and no default PIN exists.
    if (pins.length === 0) throw new EngineError('unavailable', NO_PIN_MESSAGE, { stage: 'api', detail: { pinSet: false } });
    let gate: ReturnType<LoginThrottle['begin']>;
    try {
      gate = this.throttle.begin(client, this.now());
    } catch (err) {
      // Fail closed: an attempt we cannot count is an attempt we do not check.
      throw new EngineError('unavailable', `cannot record the login attempt (${(err as Error).message}); try again shortly`, {
        stage: 'api',
        cause: err,
      });
    }
    if (!gate.open) throw this.lockedError(gate);
    const who = await matchPin(pin, pins);
    if (who === null) {
      const after = this.throttle.failed(client, this.now());
      if (!after.open) throw this.lockedError(after);
      throw new EngineError('unauthorized', 'wrong PIN', { stage: 'api', detail: { attemptsLeft: gate.attemptsLeft ?? 0 } });
    }
    try {
      this.throttle.succeeded(client, this.now());
    } catch {
      // The PIN was right; a stale failure count that could not be cleared only costs later tries.
    }
    const now = this.now();
    const hard = now + this.ttl;
    const session: StaffSession = {
      token: randomBytes(24).toString('base64url'),
      staff: who,
      expiresAtMs: Math.min(hard, now + this.idleTimeoutMs),
      hardExpiresAtMs: hard,
    };
    this.sessions.set(session.token, session);
    return { token: session.token, expiresAt: new Date(session.expiresAtMs).toISOString(), idleLogoutMs: this.idleTimeoutMs };
  }

  /**
   * The live session for a token, or null (unknown, logged out or expired). A use (`touch`, the
   * default) slides the idle expiry; the event stream only peeks, so a screen left open with events
   * flowing still expires like the UI does.
   */
  verify(token: string | null | undefined, touch = true): StaffSession | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.now();
    if (s.expiresAtMs <= now) {
      this.sessions.delete(token);
      return null;
    }
    if (touch) s.expiresAtMs = Math.min(s.hardExpiresAtMs, now + this.idleTimeoutMs);
    return s;
  }

  /** A live staff session, if any: the kiosk has one screen, so a logged-in staff member is present. */
  activeSession(): StaffSession | null {
    for (const [token, s] of this.sessions) {
      if (s.expiresAtMs > this.now()) return s;
      this.sessions.delete(token);
    }
    return null;
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  private lockedError(gate: Extract<Gate, { open: false }>): EngineError {
    const s = Math.ceil(gate.retryAfterMs / 1000);
    const message =
      gate.scope === 'client'
        ? `too many wrong PINs; login is locked for ${s} s`
        : `too many wrong PINs on this kiosk; wait ${s} s before the next try`;
    return new EngineError('locked', message, { stage: 'api', detail: { retryAfterMs: gate.retryAfterMs, scope: gate.scope } });
  }
}
