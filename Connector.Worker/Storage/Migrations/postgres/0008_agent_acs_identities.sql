-- Each agent's ACS chat identity, made on first need so that an agent who accepts a web chat joins its thread.
CREATE TABLE agent_acs_identities (
    agent_id    text PRIMARY KEY,
    user_id     text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

-- A mail's Subject (the customer's, or the one a reply went out with), so that replies answer "Re: {subject}".
ALTER TABLE timeline_events ADD COLUMN subject text NULL;
