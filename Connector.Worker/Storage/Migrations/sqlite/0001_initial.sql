-- SQLite twin of postgres/0001_initial.sql: ids and timestamps are TEXT (ISO 8601 UTC, which sorts in time order).
-- Customers and the identities that recognise them on each channel.
CREATE TABLE customers (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    merged_into  TEXT NULL REFERENCES customers (id)
);

CREATE TABLE customer_identities (
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX ix_customer_identities_customer ON customer_identities (customer_id);

-- One record per CRM per customer; one customer per CRM record.
CREATE TABLE customer_crm_refs (
    crm          TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (crm, record_id),
    UNIQUE (customer_id, crm)
);

CREATE TABLE customer_merges (
    id                  TEXT PRIMARY KEY,
    merged_customer_id  TEXT NOT NULL,
    into_customer_id    TEXT NOT NULL,
    event_id            TEXT NULL,
    reason              TEXT NOT NULL,
    at                  TEXT NOT NULL
);
CREATE INDEX ix_customer_merges_into ON customer_merges (into_customer_id);

CREATE TABLE identity_conflicts (
    id                 TEXT PRIMARY KEY,
    customer_id        TEXT NOT NULL,
    other_customer_id  TEXT NOT NULL,
    crm                TEXT NOT NULL,
    event_id           TEXT NULL,
    detail             TEXT NOT NULL,
    at                 TEXT NOT NULL
);
CREATE INDEX ix_identity_conflicts_customer ON identity_conflicts (customer_id);
CREATE INDEX ix_identity_conflicts_other ON identity_conflicts (other_customer_id);

-- Event Grid delivers at least once: the id is the key that drops redeliveries.
CREATE TABLE inbound_events (
    event_id     TEXT PRIMARY KEY,
    channel      TEXT NOT NULL,
    received_at  TEXT NOT NULL
);

CREATE TABLE conversations (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers (id),
    state             TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    last_activity_at  TEXT NOT NULL,
    closed_at         TEXT NULL
);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, state, last_activity_at DESC);

CREATE TABLE conversation_segments (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    sequence         INTEGER NOT NULL,
    channel          TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    ended_at         TEXT NULL,
    UNIQUE (conversation_id, sequence)
);

CREATE TABLE timeline_events (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    segment_id       TEXT NOT NULL REFERENCES conversation_segments (id),
    type             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    direction        TEXT NOT NULL,
    at               TEXT NOT NULL,
    TEXT             TEXT NULL,
    external_ref     TEXT NULL,
    source_event_id  TEXT NULL
);
CREATE INDEX ix_timeline_events_conversation ON timeline_events (conversation_id, at);

CREATE TABLE routing_tasks (
    id                        TEXT PRIMARY KEY,
    conversation_id           TEXT NOT NULL REFERENCES conversations (id),
    customer_id               TEXT NOT NULL REFERENCES customers (id),
    channel                   TEXT NOT NULL,
    state                     TEXT NOT NULL,
    priority                  INTEGER NOT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    customer_last_message_at  TEXT NULL,
    external_ref              TEXT NULL,
    assigned_agent_id         TEXT NULL
);
CREATE INDEX ix_routing_tasks_state ON routing_tasks (state);
-- At most one open task per conversation, channel and call.
CREATE UNIQUE INDEX ux_routing_tasks_open ON routing_tasks (conversation_id, channel, ifnull(external_ref, ''))
    WHERE state IN ('queued', 'offered', 'assigned', 'wrap_up');

-- The record of CRM work to do; Hangfire only carries it out.
CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE,
    customer_id       TEXT NOT NULL,
    conversation_id   TEXT NULL,
    subject_id        TEXT NULL,
    state             TEXT NOT NULL,
    attempts          INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    next_attempt_at   TEXT NOT NULL,
    lease_until       TEXT NULL,
    completed_at      TEXT NULL,
    last_error        TEXT NULL
);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';

CREATE TABLE crm_links (
    crm              TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    record_type      TEXT NOT NULL,
    record_id        TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (crm, idempotency_key)
);
