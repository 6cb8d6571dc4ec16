-- SQLite twin of postgres/0008_agent_acs_identities.sql.
-- Each agent's ACS chat identity, made on first need so that an agent who accepts a web chat joins its thread.
CREATE TABLE agent_acs_identities (
    agent_id    TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

-- A mail's Subject (the customer's, or the one a reply went out with), so that replies answer "Re: {subject}".
ALTER TABLE timeline_events ADD COLUMN subject TEXT NULL;
