-- Staff identity: one salted scrypt hash per named staff member (set with `voice-kiosk staff set-pin`).
-- The running kiosk reads this table on every login, so a new PIN works without a restart.
CREATE TABLE staff_pins (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  pin_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A shopper asking for a person: raised → acknowledged ("On my way") → closed.
CREATE TABLE staff_calls (
  id TEXT PRIMARY KEY,
  correlation_id TEXT,
  trigger TEXT NOT NULL CHECK (trigger IN ('button', 'asked', 'offer')),
  question TEXT,
  state TEXT NOT NULL CHECK (state IN ('raised', 'acknowledged', 'closed')),
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  closed_at TEXT,
  closed_by TEXT
);
CREATE INDEX staff_calls_raised ON staff_calls(raised_at);
CREATE INDEX staff_calls_open ON staff_calls(state);

-- Why a meeting ended: 'stopped' by staff, 'kiosk restarted', 'kiosk stopped', 'maximum length reached'.
ALTER TABLE meetings ADD COLUMN end_reason TEXT;
-- A line edited by staff keeps when it was edited (the summary is re-run from the edited text).
ALTER TABLE meeting_segments ADD COLUMN edited_at TEXT;

-- The outbox also carries staff-call notices for phones and pagers: widen the kind check. SQLite
-- cannot alter a CHECK, so the table is rebuilt with the same columns and indexes.
CREATE TABLE outbox_new (
  job_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('summarize', 'answer', 'staff-call')),
  meeting_id TEXT,
  payload TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'accepted', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
INSERT INTO outbox_new SELECT job_id, kind, meeting_id, payload, content_hash, state, attempts, next_attempt_at,
  last_error, created_at, updated_at, expires_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_meeting ON outbox(meeting_id);
