-- SQLite twin of postgres/0010_crm_sync.sql.
CREATE TABLE crm_contact_candidates (
    crm          TEXT NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    candidates   TEXT NOT NULL,
    found_at     TEXT NOT NULL,
    PRIMARY KEY (crm, customer_id)
);

CREATE INDEX ix_outbox_conversation ON outbox (conversation_id, kind) WHERE state = 'pending';

ALTER TABLE outbox ADD COLUMN taken_until TEXT NULL;
