-- Web chat: the connector's own ACS identity (one per deployment) and each visitor's thread.
CREATE TABLE acs_service_identities (
    role        TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE chat_sessions (
    thread_id        TEXT PRIMARY KEY,
    visitor_user_id  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_chat_sessions_visitor ON chat_sessions (visitor_user_id, created_at DESC);
