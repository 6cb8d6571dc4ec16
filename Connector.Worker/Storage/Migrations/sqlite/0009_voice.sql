-- SQLite twin of postgres/0009_voice.sql.
-- Voice: each call's progress through the flow (consent, IVR, queue, agent), the callbacks already applied
-- (ACS delivers at least once), recording chunks to fetch and delete, transcript fragments (redacted), and
-- how each agent is reached by phone (an ACS user id from the panel or a PSTN number).
CREATE TABLE voice_calls (
    id                  TEXT PRIMARY KEY,              -- ours; also in the callbackUri (?call=), so every callback names it
    call_connection_id  TEXT NULL UNIQUE,
    server_call_id      TEXT NULL,
    correlation_id      TEXT NULL,
    direction           TEXT NOT NULL,
    caller_raw_id       TEXT NOT NULL,
    identity_kind       TEXT NOT NULL,
    identity_value      TEXT NOT NULL,
    region              TEXT NULL,
    phase               TEXT NOT NULL,
    journey             TEXT NULL,
    menu_attempt        INTEGER NOT NULL DEFAULT 0,
    record              INTEGER NOT NULL DEFAULT 0,     -- 1 once consent holds and the charter records
    recording_id        TEXT NULL,
    agent_id            TEXT NULL,
    agent_raw_id        TEXT NULL,
    conversation_id     TEXT NULL,
    task_id             TEXT NULL,
    task_ref            TEXT NULL,              -- the external ref of the current task: the call connection id, with #… after a transfer to a queue
    secure_since        TEXT NULL,
    started_at          TEXT NOT NULL,
    connected_at        TEXT NULL,
    ended_at            TEXT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX ix_voice_calls_server_call ON voice_calls (server_call_id);

CREATE TABLE voice_callback_events (
    event_id            TEXT PRIMARY KEY,
    call_id             TEXT NULL,
    event_type          TEXT NOT NULL,
    received_at         TEXT NOT NULL
);

CREATE TABLE voice_recording_chunks (
    document_id         TEXT PRIMARY KEY,
    recording_id        TEXT NULL,
    server_call_id      TEXT NULL,
    chunk_index         INTEGER NOT NULL,
    content_location    TEXT NOT NULL,
    delete_location     TEXT NULL,
    content_type        TEXT NULL,
    recorded_at         TEXT NULL,
    duration_ms         INTEGER NULL,
    state               TEXT NOT NULL,          -- pending, stored, deleted
    path                TEXT NULL,
    size_bytes          INTEGER NULL,
    stored_at           TEXT NULL,
    delete_after        TEXT NULL,
    deleted_at          TEXT NULL
);
CREATE INDEX ix_voice_recording_chunks_delete ON voice_recording_chunks (delete_after) WHERE state = 'stored';

CREATE TABLE voice_transcript_fragments (
    call_id             TEXT NOT NULL,
    offset_ticks        INTEGER NOT NULL,
    speaker             TEXT NOT NULL,
    TEXT                TEXT NOT NULL,
    PRIMARY KEY (call_id, offset_ticks, speaker)
);

CREATE TABLE voice_agent_endpoints (
    agent_id      TEXT PRIMARY KEY,
    acs_user_id   TEXT NULL,
    phone_number  TEXT NULL,
    updated_at    TEXT NOT NULL
);
