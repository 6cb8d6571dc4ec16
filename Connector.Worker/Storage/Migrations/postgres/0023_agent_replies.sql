-- Agents' replies, recorded before they are sent (POST /api/conversations/{id}/messages with an Idempotency-Key).
-- id is derived from (conversation, agent, key), so the same key always names the same row, and it is also the
-- ACS request id of every send of the reply (Repeatability-Request-ID, an email's Operation-Id): a resend after a
-- crash is one message. request_hash tells a retry (same body) from a reuse of the key (another body: 409).
-- prepared is what the channel will send (it holds the reply's text until it is sent, then is cleared);
-- status_code and response are the first answer, given again to every retry.
CREATE TABLE agent_replies (
    id                 uuid PRIMARY KEY,
    conversation_id    uuid NOT NULL,
    agent_id           text NOT NULL,
    idempotency_key    text NOT NULL,
    request_hash       text NOT NULL,
    channel            text NOT NULL,
    prepared           text,
    first_sent_at      timestamptz NOT NULL,
    timeline_event_id  uuid,
    state              text NOT NULL,            -- pending | sent | failed
    message_id         text,
    error              text,
    status_code        integer,
    response           text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (conversation_id, agent_id, idempotency_key)
);
CREATE INDEX ix_agent_replies_created_at ON agent_replies (created_at);
