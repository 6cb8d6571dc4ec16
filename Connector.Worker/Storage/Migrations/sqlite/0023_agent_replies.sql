-- SQLite twin of postgres/0023_agent_replies.sql.
CREATE TABLE agent_replies (
    id                 TEXT PRIMARY KEY,
    conversation_id    TEXT NOT NULL,
    agent_id           TEXT NOT NULL,
    idempotency_key    TEXT NOT NULL,
    request_hash       TEXT NOT NULL,
    channel            TEXT NOT NULL,
    prepared           TEXT,
    first_sent_at      TEXT NOT NULL,
    timeline_event_id  TEXT,
    state              TEXT NOT NULL,
    message_id         TEXT,
    error              TEXT,
    status_code        INTEGER,
    response           TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (conversation_id, agent_id, idempotency_key)
);
CREATE INDEX ix_agent_replies_created_at ON agent_replies (created_at);
