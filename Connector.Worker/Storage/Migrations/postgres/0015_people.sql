-- People: who an agent record is (their IdP subject and email, so that a sign-in finds their agent) and which
-- queues they supervise; and the API keys machines use, stored as hashes of their secrets only.
CREATE TABLE people (
    agent_id    text PRIMARY KEY,        -- the agent record this person works as
    email       text NULL,               -- lower case
    subject     text NULL,               -- the IdP's subject (sub) once they signed in through it
    supervises  text NOT NULL DEFAULT '[]',  -- JSON array of queue names
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_people_email ON people (email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX ux_people_subject ON people (subject) WHERE subject IS NOT NULL;

CREATE TABLE api_keys (
    id           text PRIMARY KEY,       -- the public part of the key (ck_{id}_{secret})
    name         text NOT NULL,
    role         text NOT NULL,          -- agent | supervisor | admin
    agent_id     text NULL,              -- the agent the key acts as
    secret_hash  text NOT NULL,          -- SHA-256 of the secret, hex: the secret itself is shown once and never stored
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz NULL
);
