import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { EngineError } from '../../errors/engine-error.ts';

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
  /** How long a session token stays valid after login. */
  sessionTtlMs?: number;
  now?: () => number;
}

export interface StaffSession {
  token: string;
  staff: string;
  expiresAtMs: number;
}

/**
 * Staff PIN login for the kiosk. There is one touchscreen, so failures are counted globally rather
 * than per client: after `maxFailures` wrong PINs in a row every attempt is refused until
 * `lockoutMs` has passed, which rate-limits guessing from the screen and from the local API alike.
 */
export class StaffAuth {
  private readonly sessions = new Map<string, StaffSession>();
  private failures = 0;
  private lockedUntil = 0;
  private readonly now: () => number;
  private readonly ttl: number;
  /** Serializes checks so parallel requests cannot each slip in under the failure limit. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: StaffAuthOptions) {
    this.now = opts.now ?? Date.now;
    this.ttl = opts.sessionTtlMs ?? 8 * 3600_000;
  }

  /** False until a PIN exists; until then the staff screen only says how to set one. */
  pinSet(): boolean {
    return this.opts.pins().length > 0;
  }

  /** Remaining lockout in ms (0 when login is open). */
  lockedForMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  /** Logs in with a PIN; throws `unauthorized` (with attempts left) or `locked` (with retry time). */
  login(pin: string): Promise<{ token: string; expiresAt: string }> {
    const run = this.queue.then(() => this.check(pin));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async check(pin: string): Promise<{ token: string; expiresAt: string }> {
    const locked = this.lockedForMs();
    if (locked > 0) throw this.lockedError(locked);
    const pins = this.opts.pins();
    // Not a failed guess: there is nothing to guess yet, and no default PIN exists.
    if (pins.length === 0) throw new EngineError('unavailable', NO_PIN_MESSAGE, { stage: 'api', detail: { pinSet: false } });
    const who = await matchPin(pin, pins);
    if (who === null) {
      this.failures += 1;
      if (this.failures >= this.opts.maxFailures) {
        this.failures = 0;
        this.lockedUntil = this.now() + this.opts.lockoutMs;
        throw this.lockedError(this.opts.lockoutMs);
      }
      throw new EngineError('unauthorized', 'wrong PIN', {
        stage: 'api',
        detail: { attemptsLeft: this.opts.maxFailures - this.failures },
      });
    }
    this.failures = 0;
    const session: StaffSession = { token: randomBytes(24).toString('base64url'), staff: who, expiresAtMs: this.now() + this.ttl };
    this.sessions.set(session.token, session);
    return { token: session.token, expiresAt: new Date(session.expiresAtMs).toISOString() };
  }

  /** The live session for a token, or null (unknown, logged out or expired). */
  verify(token: string | null | undefined): StaffSession | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (s.expiresAtMs <= this.now()) {
      this.sessions.delete(token);
      return null;
    }
    return s;
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  private lockedError(ms: number): EngineError {
    return new EngineError('locked', `too many wrong PINs; login is locked for ${Math.ceil(ms / 1000)} s`, {
      stage: 'api',
      detail: { retryAfterMs: ms },
    });
  }
}
