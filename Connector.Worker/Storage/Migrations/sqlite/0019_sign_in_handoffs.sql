-- SQLite twin of postgres/0019_sign_in_handoffs.sql.
CREATE TABLE sign_in_handoffs (
    id          TEXT PRIMARY KEY,
    expires_at  TEXT NOT NULL
);
CREATE INDEX ix_sign_in_handoffs_expires_at ON sign_in_handoffs (expires_at);
