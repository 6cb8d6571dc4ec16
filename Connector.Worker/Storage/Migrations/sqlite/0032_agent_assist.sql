-- SQLite twin of postgres/0032_agent_assist.sql.
CREATE TABLE knowledge_articles (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    language    TEXT NOT NULL,
    tags        TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX ix_knowledge_articles_state ON knowledge_articles (state, updated_at);

CREATE TABLE assist_replies (
    id           TEXT PRIMARY KEY,
    group_key    TEXT NOT NULL UNIQUE,
    text         TEXT NOT NULL,
    mined_text   TEXT NOT NULL,
    variants     TEXT NOT NULL,
    state        TEXT NOT NULL,
    sent_count   INTEGER NOT NULL,
    agent_count  INTEGER NOT NULL,
    mined_at     TEXT NOT NULL,
    reviewed_by  TEXT NULL,
    reviewed_at  TEXT NULL
);
CREATE INDEX ix_assist_replies_state ON assist_replies (state, sent_count);

CREATE TABLE assist_uses (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL,
    agent_id         TEXT NOT NULL,
    kind             TEXT NOT NULL,
    suggestion_id    TEXT NOT NULL,
    action_taken     TEXT NOT NULL,
    text             TEXT NULL,
    source_use       TEXT NULL UNIQUE,
    at               TEXT NOT NULL
);
CREATE INDEX ix_assist_uses_suggestion ON assist_uses (kind, suggestion_id);
CREATE INDEX ix_assist_uses_conversation ON assist_uses (conversation_id, agent_id, at);
