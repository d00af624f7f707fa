import { EngineError } from '../errors/engine-error.ts';
import type { SqliteDb } from './database.ts';

/** A staff member's stored PIN: the salted scrypt hash only, never the PIN itself. */
export interface StaffPin {
  name: string;
  pinHash: string;
  createdAt: string;
  updatedAt: string;
}

const NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,39}$/u;

/** Checks a staff name (shown on screens and stored with meetings): 1–40 letters, digits, spaces, . _ ' -. */
export function checkStaffName(name: string): string {
  const clean = name.trim();
  if (!NAME_RE.test(clean))
    throw new EngineError(
      'bad-input',
      `staff name '${name}' must be 1-40 letters, digits, spaces or . _ ' -`,
      {
        stage: 'store',
      },
    );
  return clean;
}

/**
 * Staff PINs in the kiosk's own database. The API reads them on every login attempt, so
 * `voice-kiosk staff set-pin` in another process takes effect at once, with no restart and no
 * hand-edited config. Names are unique without regard to case ("Sam" and "sam" are one person).
 */
export class StaffPinRepository {
  constructor(private readonly db: SqliteDb) {}

  /** Stores (or replaces) the hash for a name; returns true when the name was new. */
  set(name: string, pinHash: string, at: Date = new Date()): boolean {
    const clean = checkStaffName(name);
    if (!pinHash.startsWith('scrypt$'))
      throw new EngineError('bad-input', 'a staff PIN is stored only as a scrypt hash', { stage: 'store' });
    const now = at.toISOString();
    const existed = this.db.prepare('SELECT 1 FROM staff_pins WHERE name = ?').get(clean) !== undefined;
    this.db
      .prepare(
        `INSERT INTO staff_pins (name, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET pin_hash = excluded.pin_hash, updated_at = excluded.updated_at`,
      )
      .run(clean, pinHash, now, now);
    return !existed;
  }

  /** Removes a name's PIN; a name that is not there is a not-found error naming it. */
  remove(name: string): void {
    const info = this.db.prepare('DELETE FROM staff_pins WHERE name = ?').run(name.trim());
    if (info.changes === 0)
      throw new EngineError('not-found', `no staff PIN named '${name.trim()}'`, {
        stage: 'store',
        detail: { name: name.trim() },
      });
  }

  /** Every stored PIN, by name. */
  list(): StaffPin[] {
    return (
      this.db
        .prepare('SELECT name, pin_hash, created_at, updated_at FROM staff_pins ORDER BY name')
        .all() as { name: string; pin_hash: string; created_at: string; updated_at: string }[]
    ).map((r) => ({ name: r.name, pinHash: r.pin_hash, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff_pins').get() as { n: number }).n;
  }
}
