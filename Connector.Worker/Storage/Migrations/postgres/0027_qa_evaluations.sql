-- QA evaluations: one row per finished task and form, scored from the conversation's timeline when the work ended.
-- Answers (question, choice, points, reason, cited turns as timeline event ids) are JSON; they quote no customer text.
-- 0027, not 0026: the insight work of the same issue takes 0026 on its own branch.
CREATE TABLE qa_evaluations (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL,
    task_id          uuid NOT NULL,
    form             text NOT NULL,
    channel          text NOT NULL,
    queue            text NULL,
    agent_id         text NOT NULL,
    score            double precision NULL,     -- 0-100; null when every question was N/A
    ended_at         timestamptz NOT NULL,      -- when the work ended (the wrap-up)
    evaluated_at     timestamptz NOT NULL,
    answers          text NOT NULL,
    UNIQUE (task_id, form)
);
CREATE INDEX ix_qa_evaluations_ended ON qa_evaluations (ended_at, id);
CREATE INDEX ix_qa_evaluations_agent ON qa_evaluations (agent_id, ended_at);
CREATE INDEX ix_qa_evaluations_conversation ON qa_evaluations (conversation_id);
