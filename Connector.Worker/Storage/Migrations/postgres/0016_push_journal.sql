-- Real-time push (/hubs/agent): each stream (one agent, or the admins) has its own numbered journal, written in the
-- transaction of the change it reports, so that a client that reconnects is sent what it missed, in order, exactly
-- once. last_seq hands out the numbers (its row lock orders writers of one stream by commit); acked_seq is the
-- highest number a client of the stream confirmed, below which rows may be pruned.
CREATE TABLE push_streams (
    stream      text PRIMARY KEY,
    last_seq    bigint NOT NULL,
    acked_seq   bigint NOT NULL DEFAULT 0
);

CREATE TABLE push_journal (
    stream   text NOT NULL,
    seq      bigint NOT NULL,
    type     text NOT NULL,
    payload  text NOT NULL,   -- JSON, camelCase: the message's data as the client receives it
    at       timestamptz NOT NULL,
    PRIMARY KEY (stream, seq)
);
CREATE INDEX ix_push_journal_at ON push_journal (at);
