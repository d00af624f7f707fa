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
}

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
export function openKioskStoreFromConfig(config: KioskConfig): KioskStore {
  return openKioskStore(resolvePath(config.paths.db), {
    maxJobAgeMs: config.offload.maxJobAgeMs,
    maxPayloadBytes: config.offload.maxPayloadBytes,
    transcriptDays: config.retention.transcriptDays,
  });
}
