-- Agent assist (issue 19, item 3): knowledge articles admins manage, the reply library mined from agents' sent replies
-- and reviewed by an admin, and what agents did with each suggestion.
-- Articles are retired, not deleted: a usage row keeps naming what it was about.
CREATE TABLE knowledge_articles (
    id          uuid PRIMARY KEY,
    title       text NOT NULL,
    body        text NOT NULL,
    language    text NOT NULL,
    tags        text NOT NULL,              -- JSON array of strings
    state       text NOT NULL,              -- active | retired
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX ix_knowledge_articles_state ON knowledge_articles (state, updated_at);

-- One row per mined group, keyed by its normalized wording (mining again updates the counts of the same row, and
-- never brings back a reply an admin rejected). text is what is suggested (the admin may edit it); only 'published'
-- rows are ever suggested. Texts are normalized: redacted, with placeholders for names, numbers and order ids.
CREATE TABLE assist_replies (
    id           uuid PRIMARY KEY,
    group_key    text NOT NULL UNIQUE,
    text         text NOT NULL,
    mined_text   text NOT NULL,
    variants     text NOT NULL,             -- JSON array: the group's other wordings
    state        text NOT NULL,             -- candidate | published | rejected
    sent_count   integer NOT NULL,
    agent_count  integer NOT NULL,
    mined_at     timestamptz NOT NULL,
    reviewed_by  text NULL,
    reviewed_at  timestamptz NULL
);
CREATE INDEX ix_assist_replies_state ON assist_replies (state, sent_count);

-- What an agent did with a suggestion: shown, inserted, sent, dismissed, and 'used' when a reply they sent matched one
-- they had inserted (source_use names that insert, once). text is kept only for an inserted draft (it exists nowhere
-- else), to match the reply sent after it.
CREATE TABLE assist_uses (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL,
    agent_id         text NOT NULL,
    kind             text NOT NULL,         -- article | reply | draft
    suggestion_id    text NOT NULL,
    action_taken     text NOT NULL,         -- shown | inserted | sent | dismissed | used
    text             text NULL,
    source_use       uuid NULL UNIQUE,
    at               timestamptz NOT NULL
);
CREATE INDEX ix_assist_uses_suggestion ON assist_uses (kind, suggestion_id);
CREATE INDEX ix_assist_uses_conversation ON assist_uses (conversation_id, agent_id, at);
