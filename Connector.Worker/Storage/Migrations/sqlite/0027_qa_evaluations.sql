-- SQLite twin of postgres/0027_qa_evaluations.sql.
CREATE TABLE qa_evaluations (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL,
    task_id          TEXT NOT NULL,
    form             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    queue            TEXT NULL,
    agent_id         TEXT NOT NULL,
    score            REAL NULL,
    ended_at         TEXT NOT NULL,
    evaluated_at     TEXT NOT NULL,
    answers          TEXT NOT NULL,
    UNIQUE (task_id, form)
);
CREATE INDEX ix_qa_evaluations_ended ON qa_evaluations (ended_at, id);
CREATE INDEX ix_qa_evaluations_agent ON qa_evaluations (agent_id, ended_at);
CREATE INDEX ix_qa_evaluations_conversation ON qa_evaluations (conversation_id);
