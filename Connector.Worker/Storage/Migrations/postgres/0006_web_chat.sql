-- Web chat: the connector's own ACS identity (one per deployment) and each visitor's thread.
CREATE TABLE acs_service_identities (
    role        text PRIMARY KEY,
    user_id     text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE chat_sessions (
    thread_id        text PRIMARY KEY,
    visitor_user_id  text NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX ix_chat_sessions_visitor ON chat_sessions (visitor_user_id, created_at DESC);
