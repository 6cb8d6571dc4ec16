-- The one-time codes that carry a sign-in from the top-level popup into the CRM's iframe (/signin/handoff): a code is
-- signed by Data Protection and lives a minute; its id is written here when it is used, so that any Worker sharing
-- the store refuses it a second time (the primary key decides between two Workers redeeming it at once).
CREATE TABLE sign_in_handoffs (
    id          text PRIMARY KEY,
    expires_at  timestamptz NOT NULL          -- after this the code is refused anyway, and the row may go
);
CREATE INDEX ix_sign_in_handoffs_expires_at ON sign_in_handoffs (expires_at);
