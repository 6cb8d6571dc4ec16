-- SQLite twin of postgres/0016_push_journal.sql.
-- Real-time push (/hubs/agent): each stream (one agent, or the admins) has its own numbered journal, written in the
-- transaction of the change it reports, so that a client that reconnects is sent what it missed, in order, exactly
-- once. last_seq hands out the numbers; acked_seq is the highest number a client of the stream confirmed, below
-- which rows may be pruned.
CREATE TABLE push_streams (
    stream      TEXT PRIMARY KEY,
    last_seq    INTEGER NOT NULL,
    acked_seq   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE push_journal (
    stream   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    type     TEXT NOT NULL,
    payload  TEXT NOT NULL,   -- JSON, camelCase: the message's data as the client receives it
    at       TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
);
CREATE INDEX ix_push_journal_at ON push_journal (at);
