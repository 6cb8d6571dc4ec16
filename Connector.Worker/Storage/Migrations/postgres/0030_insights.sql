-- The insight layer: per finished task, every turn's sentiment and topics, and the interaction's summary. No customer
-- text is kept here: a turn points at its timeline event (and transcript line); retention purges these with them.
CREATE TABLE insight_interactions (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL,
    task_id          uuid NOT NULL UNIQUE,
    channel          text NOT NULL,
    queue            text NULL,
    agent_id         text NOT NULL,
    ended_at         timestamptz NOT NULL,      -- when the work ended (the wrap-up)
    analysed_at      timestamptz NOT NULL,
    turn_count       integer NOT NULL,
    overall          double precision NULL,     -- end-weighted, -1..1; null with no turn
    start_sentiment  double precision NULL,     -- the first third's mean
    end_sentiment    double precision NULL,     -- the last third's mean
    participants     text NOT NULL,             -- JSON {speaker: mean sentiment}
    topics           text NOT NULL              -- JSON {topic: turns on it}
);
CREATE INDEX ix_insight_interactions_ended ON insight_interactions (ended_at);
CREATE INDEX ix_insight_interactions_conversation ON insight_interactions (conversation_id);

CREATE TABLE insight_turns (
    task_id            uuid NOT NULL,
    turn_index         integer NOT NULL,
    conversation_id    uuid NOT NULL,
    timeline_event_id  uuid NOT NULL,
    line               integer NULL,           -- the transcript line, from 1; null for a message
    speaker            text NOT NULL,          -- customer, agent, bot
    at                 timestamptz NOT NULL,
    sentiment          double precision NOT NULL,
    confidence         double precision NOT NULL,
    method             text NOT NULL,
    topics             text NOT NULL,          -- JSON [topic]
    PRIMARY KEY (task_id, turn_index)
);
CREATE INDEX ix_insight_turns_event ON insight_turns (timeline_event_id);
CREATE INDEX ix_insight_turns_conversation ON insight_turns (conversation_id);
