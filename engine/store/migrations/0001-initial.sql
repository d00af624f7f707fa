-- Conversations with shoppers: one row per interaction (utterance → reply), grouped in conversations.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL
);

CREATE TABLE utterances (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  correlation_id TEXT NOT NULL,
  text TEXT NOT NULL,
  heard_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  asr_engine TEXT,
  confidence REAL,
  reply TEXT,
  route TEXT,
  route_reason TEXT,
  sources TEXT NOT NULL DEFAULT '[]',
  ttft_ms INTEGER,
  total_ms INTEGER
);
CREATE INDEX utterances_heard_at ON utterances(heard_at);
CREATE INDEX utterances_correlation ON utterances(correlation_id);
CREATE INDEX utterances_conversation ON utterances(conversation_id);

-- Staff meetings and their transcript, one row per dictated or typed segment.
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  staff TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT
);

CREATE TABLE meeting_segments (
  id INTEGER PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX meeting_segments_meeting ON meeting_segments(meeting_id, id);
CREATE INDEX meeting_segments_created ON meeting_segments(created_at);

-- Jobs for the cloud. Times used for scheduling are epoch milliseconds (compared, never shown).
CREATE TABLE outbox (
  job_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('summarize', 'answer')),
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
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_meeting ON outbox(meeting_id);

-- Results already received, by job id: the dedupe that makes redelivery harmless.
-- `duplicates` counts redeliveries that were ignored (proof that dedupe was exercised).
CREATE TABLE inbox (
  job_id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL,
  duplicates INTEGER NOT NULL DEFAULT 0
);

-- Summaries are kept when transcripts are purged, so no foreign key to meetings.
CREATE TABLE summaries (
  id INTEGER PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  job_id TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX summaries_meeting ON summaries(meeting_id);
