-- Claimed identities: what a web-chat visitor typed (phone, email) or the From of a mail without a DMARC pass. Kept on
-- the claimant's customer (the visitor's chat identity, the unverified sender), shown to agents, never used to find or
-- merge a customer until verified (a one-time code over the claimed channel, or an agent confirming the match).
CREATE TABLE identity_claims (
    id           uuid PRIMARY KEY,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    kind         text NOT NULL,
    value        text NOT NULL,
    source       text NOT NULL,
    thread_id    text NULL,
    state        text NOT NULL,
    created_at   timestamptz NOT NULL,
    verified_at  timestamptz NULL,
    verified_by  text NULL,
    UNIQUE (customer_id, kind, value)
);
CREATE INDEX ix_identity_claims_thread ON identity_claims (thread_id);
CREATE INDEX ix_identity_claims_identity ON identity_claims (kind, value);

-- One-time codes, hashed (PBKDF2 with a salt of their own); a code lives minutes and allows a few attempts.
CREATE TABLE identity_claim_codes (
    id          uuid PRIMARY KEY,
    claim_id    uuid NOT NULL REFERENCES identity_claims (id),
    code_hash   text NOT NULL,
    salt        text NOT NULL,
    sent_at     timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer NOT NULL DEFAULT 0,
    used_at     timestamptz NULL
);
CREATE INDEX ix_identity_claim_codes_claim ON identity_claim_codes (claim_id, sent_at DESC);

-- The visitor's proof that a chat session is theirs: a random key given once with the session, kept as its SHA-256.
ALTER TABLE chat_sessions ADD COLUMN visitor_key_hash text NULL;
