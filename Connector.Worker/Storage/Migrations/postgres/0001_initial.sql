-- Customers and the identities that recognise them on each channel.
CREATE TABLE customers (
    id           uuid PRIMARY KEY,
    created_at   timestamptz NOT NULL,
    merged_into  uuid NULL REFERENCES customers (id)
);

CREATE TABLE customer_identities (
    kind         text NOT NULL,
    value        text NOT NULL,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX ix_customer_identities_customer ON customer_identities (customer_id);

-- One record per CRM per customer; one customer per CRM record.
CREATE TABLE customer_crm_refs (
    crm          text NOT NULL,
    record_id    text NOT NULL,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (crm, record_id),
    UNIQUE (customer_id, crm)
);

CREATE TABLE customer_merges (
    id                  uuid PRIMARY KEY,
    merged_customer_id  uuid NOT NULL,
    into_customer_id    uuid NOT NULL,
    event_id            text NULL,
    reason              text NOT NULL,
    at                  timestamptz NOT NULL
);
CREATE INDEX ix_customer_merges_into ON customer_merges (into_customer_id);

CREATE TABLE identity_conflicts (
    id                 uuid PRIMARY KEY,
    customer_id        uuid NOT NULL,
    other_customer_id  uuid NOT NULL,
    crm                text NOT NULL,
    event_id           text NULL,
    detail             text NOT NULL,
    at                 timestamptz NOT NULL
);
CREATE INDEX ix_identity_conflicts_customer ON identity_conflicts (customer_id);
CREATE INDEX ix_identity_conflicts_other ON identity_conflicts (other_customer_id);

-- Event Grid delivers at least once: the id is the key that drops redeliveries.
CREATE TABLE inbound_events (
    event_id     text PRIMARY KEY,
    channel      text NOT NULL,
    received_at  timestamptz NOT NULL
);

CREATE TABLE conversations (
    id                uuid PRIMARY KEY,
    customer_id       uuid NOT NULL REFERENCES customers (id),
    state             text NOT NULL,
    started_at        timestamptz NOT NULL,
    last_activity_at  timestamptz NOT NULL,
    closed_at         timestamptz NULL
);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, state, last_activity_at DESC);

CREATE TABLE conversation_segments (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL REFERENCES conversations (id),
    sequence         integer NOT NULL,
    channel          text NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz NULL,
    UNIQUE (conversation_id, sequence)
);

CREATE TABLE timeline_events (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL REFERENCES conversations (id),
    segment_id       uuid NOT NULL REFERENCES conversation_segments (id),
    type             text NOT NULL,
    channel          text NOT NULL,
    direction        text NOT NULL,
    at               timestamptz NOT NULL,
    text             text NULL,
    external_ref     text NULL,
    source_event_id  text NULL
);
CREATE INDEX ix_timeline_events_conversation ON timeline_events (conversation_id, at);

CREATE TABLE routing_tasks (
    id                        uuid PRIMARY KEY,
    conversation_id           uuid NOT NULL REFERENCES conversations (id),
    customer_id               uuid NOT NULL REFERENCES customers (id),
    channel                   text NOT NULL,
    state                     text NOT NULL,
    priority                  integer NOT NULL,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    customer_last_message_at  timestamptz NULL,
    external_ref              text NULL,
    assigned_agent_id         text NULL
);
CREATE INDEX ix_routing_tasks_state ON routing_tasks (state);
-- At most one open task per conversation, channel and call.
CREATE UNIQUE INDEX ux_routing_tasks_open ON routing_tasks (conversation_id, channel, coalesce(external_ref, ''))
    WHERE state IN ('queued', 'offered', 'assigned', 'wrap_up');

-- The record of CRM work to do; Hangfire only carries it out.
CREATE TABLE outbox (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL,
    idempotency_key   text NOT NULL UNIQUE,
    customer_id       uuid NOT NULL,
    conversation_id   uuid NULL,
    subject_id        uuid NULL,
    state             text NOT NULL,
    attempts          integer NOT NULL,
    created_at        timestamptz NOT NULL,
    next_attempt_at   timestamptz NOT NULL,
    lease_until       timestamptz NULL,
    completed_at      timestamptz NULL,
    last_error        text NULL
);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';

CREATE TABLE crm_links (
    crm              text NOT NULL,
    idempotency_key  text NOT NULL,
    record_type      text NOT NULL,
    record_id        text NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (crm, idempotency_key)
);
