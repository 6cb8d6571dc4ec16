-- SQLite twin of postgres/0020_identity_claims.sql.
CREATE TABLE identity_claims (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    source       TEXT NOT NULL,
    thread_id    TEXT NULL,
    state        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    verified_at  TEXT NULL,
    verified_by  TEXT NULL,
    UNIQUE (customer_id, kind, value)
);
CREATE INDEX ix_identity_claims_thread ON identity_claims (thread_id);
CREATE INDEX ix_identity_claims_identity ON identity_claims (kind, value);

CREATE TABLE identity_claim_codes (
    id          TEXT PRIMARY KEY,
    claim_id    TEXT NOT NULL REFERENCES identity_claims (id),
    code_hash   TEXT NOT NULL,
    salt        TEXT NOT NULL,
    sent_at     TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     TEXT NULL
);
CREATE INDEX ix_identity_claim_codes_claim ON identity_claim_codes (claim_id, sent_at DESC);

ALTER TABLE chat_sessions ADD COLUMN visitor_key_hash TEXT NULL;
