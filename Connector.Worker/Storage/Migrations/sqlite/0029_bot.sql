-- SQLite twin of postgres/0029_bot.sql.
ALTER TABLE timeline_events ADD COLUMN author TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN handoff_summary TEXT NULL;
CREATE TABLE bot_turns (
    message_id       TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL,
    channel          TEXT NOT NULL,
    at               TEXT NOT NULL,
    customer_text    TEXT NOT NULL,
    matched          TEXT NULL,
    confidence       REAL NOT NULL,
    sentiment        REAL NOT NULL,
    outcome          TEXT NOT NULL,
    reason           TEXT NULL,
    reply            TEXT NULL,
    method           TEXT NOT NULL,
    handoff          TEXT NULL
);
CREATE INDEX ix_bot_turns_conversation ON bot_turns (conversation_id, at);
