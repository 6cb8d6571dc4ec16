-- The bot before routing (issue 19): its messages and hand-off note are timeline events written by the bot (author),
-- the task a hand-off opens carries the bot's summary for the offer, and each customer message the bot handled is one
-- bot turn (what it matched, how sure, the sentiment, what it did), read back for the next decision and the hand-off.
ALTER TABLE timeline_events ADD COLUMN author text NULL;
ALTER TABLE routing_tasks ADD COLUMN handoff_summary text NULL;
CREATE TABLE bot_turns (
    message_id       uuid PRIMARY KEY,          -- the customer's timeline event: one turn per message, whatever the retries
    conversation_id  uuid NOT NULL,
    channel          text NOT NULL,
    at               timestamptz NOT NULL,
    customer_text    text NOT NULL,             -- redacted, as on the timeline
    matched          text NULL,                 -- FAQ entry id or intent
    confidence       double precision NOT NULL,
    sentiment        double precision NOT NULL,
    outcome          text NOT NULL,             -- answered | not_understood | handed_off
    reason           text NULL,                 -- the hand-off's reason
    reply            text NULL,
    method           text NOT NULL,             -- embedded, ai (…), or embedded (AI fell back: …)
    handoff          text NULL                  -- the hand-off as JSON (transcript, intent, details, trajectory, summary)
);
CREATE INDEX ix_bot_turns_conversation ON bot_turns (conversation_id, at);
