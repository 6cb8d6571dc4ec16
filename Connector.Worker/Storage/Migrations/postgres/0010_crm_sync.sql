-- CRM sync: when a contact search matched several CRM records, the candidates wait here for the agent to pick
-- one (nothing is created in the CRM meanwhile); the pick becomes a customer_crm_refs row.
CREATE TABLE crm_contact_candidates (
    crm          text NOT NULL,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    candidates   text NOT NULL,           -- JSON array of {recordType, recordId, name, phone, email}
    found_at     timestamptz NOT NULL,
    PRIMARY KEY (crm, customer_id)
);

-- The CRM work of one conversation (its interaction, attachments waiting for it) is looked up together.
CREATE INDEX ix_outbox_conversation ON outbox (conversation_id, kind) WHERE state = 'pending';

-- Which job is writing a row to the CRM right now (until when): a job that packs waiting rows into one batch
-- call takes them, and their own jobs wait instead of writing the same thing beside it.
ALTER TABLE outbox ADD COLUMN taken_until timestamptz NULL;
