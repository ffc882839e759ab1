-- Times are Unix milliseconds (UTC) in both dialects, so that reports run the same SQL.
-- Booleans are 0 and 1.
-- The PostgreSQL twin of this file differs in types (BOOLEAN, BIGINT): goose runs one per database.

-- +goose Up
CREATE TABLE questions (
    id         TEXT PRIMARY KEY,          -- the answer id, as given to the caller
    asked_at   INTEGER NOT NULL,
    guild_id   TEXT NOT NULL DEFAULT '',  -- empty in direct messages and the terminal
    channel_id TEXT NOT NULL DEFAULT '',
    user_hash  TEXT NOT NULL DEFAULT '',  -- HMAC-SHA256 of the user id, never the id
    question   TEXT NOT NULL,
    grp        TEXT NOT NULL,             -- what wordings of the same question share
    locale     TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    answered   INTEGER NOT NULL CHECK (answered IN (0, 1)),
    top_fact   TEXT NOT NULL DEFAULT '',  -- the fact the answer shows first
    fact_ids   TEXT NOT NULL DEFAULT '',  -- every fact shown, space-separated, best first
    latency_us INTEGER NOT NULL
);
CREATE INDEX questions_asked_at ON questions (asked_at);
CREATE INDEX questions_misses ON questions (asked_at, grp) WHERE NOT answered;

CREATE TABLE question_votes (
    answer_id TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    helpful   INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment   TEXT NOT NULL DEFAULT '',
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
);
CREATE INDEX question_votes_voted_at ON question_votes (voted_at);

-- The key that hashes user ids, made once so that replicas and restarts agree.
CREATE TABLE question_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE question_settings;
DROP TABLE question_votes;
DROP TABLE questions;
