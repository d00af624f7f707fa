-- Fuller answers computed in the cloud for questions the kiosk could only answer briefly.
CREATE TABLE answers (
  job_id TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  text TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Full-text search over what shoppers said (and what we replied) and over meeting transcripts.
-- External-content tables: the text lives once, in the real tables; triggers keep the index in step.
CREATE VIRTUAL TABLE utterances_fts USING fts5(text, reply, content='utterances', content_rowid='id');
CREATE TRIGGER utterances_fts_ai AFTER INSERT ON utterances BEGIN
  INSERT INTO utterances_fts(rowid, text, reply) VALUES (new.id, new.text, coalesce(new.reply, ''));
END;
CREATE TRIGGER utterances_fts_ad AFTER DELETE ON utterances BEGIN
  INSERT INTO utterances_fts(utterances_fts, rowid, text, reply) VALUES ('delete', old.id, old.text, coalesce(old.reply, ''));
END;
CREATE TRIGGER utterances_fts_au AFTER UPDATE ON utterances BEGIN
  INSERT INTO utterances_fts(utterances_fts, rowid, text, reply) VALUES ('delete', old.id, old.text, coalesce(old.reply, ''));
  INSERT INTO utterances_fts(rowid, text, reply) VALUES (new.id, new.text, coalesce(new.reply, ''));
END;

CREATE VIRTUAL TABLE meeting_segments_fts USING fts5(text, content='meeting_segments', content_rowid='id');
CREATE TRIGGER meeting_segments_fts_ai AFTER INSERT ON meeting_segments BEGIN
  INSERT INTO meeting_segments_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER meeting_segments_fts_ad AFTER DELETE ON meeting_segments BEGIN
  INSERT INTO meeting_segments_fts(meeting_segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER meeting_segments_fts_au AFTER UPDATE ON meeting_segments BEGIN
  INSERT INTO meeting_segments_fts(meeting_segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO meeting_segments_fts(rowid, text) VALUES (new.id, new.text);
END;

-- Index what a version-1 database already holds.
INSERT INTO utterances_fts(utterances_fts) VALUES ('rebuild');
INSERT INTO meeting_segments_fts(meeting_segments_fts) VALUES ('rebuild');
