-- SQLite twin of postgres/0030_insights.sql.
CREATE TABLE insight_interactions (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL,
    task_id          TEXT NOT NULL UNIQUE,
    channel          TEXT NOT NULL,
    queue            TEXT NULL,
    agent_id         TEXT NOT NULL,
    ended_at         TEXT NOT NULL,
    analysed_at      TEXT NOT NULL,
    turn_count       INTEGER NOT NULL,
    overall          REAL NULL,
    start_sentiment  REAL NULL,
    end_sentiment    REAL NULL,
    participants     TEXT NOT NULL,
    topics           TEXT NOT NULL
);
CREATE INDEX ix_insight_interactions_ended ON insight_interactions (ended_at);
CREATE INDEX ix_insight_interactions_conversation ON insight_interactions (conversation_id);

CREATE TABLE insight_turns (
    task_id            TEXT NOT NULL,
    turn_index         INTEGER NOT NULL,
    conversation_id    TEXT NOT NULL,
    timeline_event_id  TEXT NOT NULL,
    line               INTEGER NULL,
    speaker            TEXT NOT NULL,
    at                 TEXT NOT NULL,
    sentiment          REAL NOT NULL,
    confidence         REAL NOT NULL,
    method             TEXT NOT NULL,
    topics             TEXT NOT NULL,
    PRIMARY KEY (task_id, turn_index)
);
CREATE INDEX ix_insight_turns_event ON insight_turns (timeline_event_id);
CREATE INDEX ix_insight_turns_conversation ON insight_turns (conversation_id);
