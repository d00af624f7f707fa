import type { KioskConfig } from '../contracts/config.ts';
import { resolvePath } from '../paths/app-root.ts';
import { ConversationRepository } from './conversation-repository.ts';
import { openDatabase, type SqliteDb } from './database.ts';
import { MeetingRepository } from './meeting-repository.ts';
import { migrate } from './migrate.ts';
import { ResultInbox } from './result-inbox.ts';
import { purgeOldTranscripts, type PurgeReport } from './retention.ts';
import { StaffCallRepository } from './staff-calls.ts';
import { StaffPinRepository } from './staff-pins.ts';
import { SummaryCache } from './summary-cache.ts';
import { SummaryOutbox, type OutboxOptions } from './summary-outbox.ts';
import { TranscriptSearch } from './transcript-search.ts';

export interface KioskStoreOptions extends OutboxOptions {
  transcriptDays: number;
  /**
   * How long a statement waits for another connection's write lock once the store is open. The
   * kiosk process uses a short one (its writes that must not wait are deferred, see
   * deferred-writes.ts) so another process's lock cannot stall its event loop; CLIs keep 5 s.
   */
  busyTimeoutMs?: number;
}

/** The kiosk process's busy timeout: the most one blocked statement may stall the event loop. */
export const KIOSK_BUSY_TIMEOUT_MS = 100;

/** The kiosk's SQLite database with every repository over one connection. */
export interface KioskStore {
  file: string;
  db: SqliteDb;
  conversations: ConversationRepository;
  meetings: MeetingRepository;
  outbox: SummaryOutbox;
  inbox: ResultInbox;
  summaries: SummaryCache;
  search: TranscriptSearch;
  staffPins: StaffPinRepository;
  staffCalls: StaffCallRepository;
  purge(now?: Date): PurgeReport;
  close(): void;
}

/** Opens (creating or upgrading) the kiosk database and builds its repositories. */
export function openKioskStore(file: string, opts: KioskStoreOptions): KioskStore {
  const db = openDatabase(file);
  try {
    migrate(db, { file });
  } catch (err) {
    db.close();
    throw err;
  }
  // Migrations above may wait the full default for a lock; everything after uses the caller's bound.
  if (opts.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
  const meetings = new MeetingRepository(db);
  const outbox = new SummaryOutbox(db, meetings, opts);
  return {
    file,
    db,
    conversations: new ConversationRepository(db),
    meetings,
    outbox,
    inbox: new ResultInbox(db, outbox),
    summaries: new SummaryCache(db),
    search: new TranscriptSearch(db),
    staffPins: new StaffPinRepository(db),
    staffCalls: new StaffCallRepository(db),
    purge: (now) => purgeOldTranscripts(db, opts.transcriptDays, now),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** openKioskStore with the paths, limits and retention of a loaded config. */
export function openKioskStoreFromConfig(config: KioskConfig, opts: { busyTimeoutMs?: number } = {}): KioskStore {
  return openKioskStore(resolvePath(config.paths.db), {
    ...opts,
    maxJobAgeMs: config.offload.maxJobAgeMs,
    maxPayloadBytes: config.offload.maxPayloadBytes,
    transcriptDays: config.retention.transcriptDays,
  });
}
