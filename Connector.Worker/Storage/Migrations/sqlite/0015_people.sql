-- SQLite twin of postgres/0015_people.sql.
-- People: who an agent record is (their IdP subject and email, so that a sign-in finds their agent) and which
-- queues they supervise; and the API keys machines use, stored as hashes of their secrets only.
CREATE TABLE people (
    agent_id    TEXT PRIMARY KEY,
    email       TEXT NULL,
    subject     TEXT NULL,
    supervises  TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_people_email ON people (email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX ux_people_subject ON people (subject) WHERE subject IS NOT NULL;

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    agent_id     TEXT NULL,
    secret_hash  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT NULL
);
