-- Staff PIN lockout, kept on disk so kill -9 and a restart do not hand out fresh guesses.
-- One row per client (peer address, plus a screen id when sent) and one row '*' for the global
-- backstop. An attempt is counted BEFORE its PIN is checked, so a crash mid-check still counts it.
CREATE TABLE login_attempts (
  client TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,        -- attempts since the last lockout or success
  lockouts INTEGER NOT NULL DEFAULT 0,        -- lockouts in a row: the escalation level
  locked_until_ms INTEGER NOT NULL DEFAULT 0, -- epoch ms; 0 = open
  last_failure_ms INTEGER NOT NULL DEFAULT 0
);

-- One row the kiosk rewrites now and then, so /health knows (from memory) that the disk still takes writes.
CREATE TABLE write_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at_ms INTEGER NOT NULL,
  pad BLOB
);
