-- Where a meeting summary came from: the cloud's result, or a draft this kiosk made itself (extractive)
-- because the cloud stayed unreachable. A draft shares the job id of the job it stands in for, so the
-- cloud's result, when it lands, replaces it in place (summaries.job_id stays UNIQUE).
ALTER TABLE summaries ADD COLUMN source TEXT NOT NULL DEFAULT 'cloud' CHECK (source IN ('cloud', 'device'));

-- The shopper interaction an `answer` job was queued for, so the fuller answer reaches that
-- interaction: shown if it is still on screen, and stored with it (answers.correlation_id).
ALTER TABLE outbox ADD COLUMN correlation_id TEXT;
ALTER TABLE answers ADD COLUMN correlation_id TEXT;
CREATE INDEX answers_correlation ON answers(correlation_id);
