-- Voice: each call's progress through the flow (consent, IVR, queue, agent), the callbacks already applied
-- (ACS delivers at least once), recording chunks to fetch and delete, transcript fragments (redacted), and
-- how each agent is reached by phone (an ACS user id from the panel or a PSTN number).
CREATE TABLE voice_calls (
    id                  text PRIMARY KEY,              -- ours; also in the callbackUri (?call=), so every callback names it
    call_connection_id  text NULL UNIQUE,
    server_call_id      text NULL,
    correlation_id      text NULL,
    direction           text NOT NULL,
    caller_raw_id       text NOT NULL,
    identity_kind       text NOT NULL,
    identity_value      text NOT NULL,
    region              text NULL,
    phase               text NOT NULL,
    journey             text NULL,
    menu_attempt        integer NOT NULL DEFAULT 0,
    record              integer NOT NULL DEFAULT 0,     -- 1 once consent holds and the charter records
    recording_id        text NULL,
    agent_id            text NULL,
    agent_raw_id        text NULL,
    conversation_id     uuid NULL,
    task_id             uuid NULL,
    task_ref            text NULL,              -- the external ref of the current task: the call connection id, with #… after a transfer to a queue
    secure_since        timestamptz NULL,
    started_at          timestamptz NOT NULL,
    connected_at        timestamptz NULL,
    ended_at            timestamptz NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX ix_voice_calls_server_call ON voice_calls (server_call_id);

CREATE TABLE voice_callback_events (
    event_id            text PRIMARY KEY,
    call_id             text NULL,
    event_type          text NOT NULL,
    received_at         timestamptz NOT NULL
);

CREATE TABLE voice_recording_chunks (
    document_id         text PRIMARY KEY,
    recording_id        text NULL,
    server_call_id      text NULL,
    chunk_index         integer NOT NULL,
    content_location    text NOT NULL,
    delete_location     text NULL,
    content_type        text NULL,
    recorded_at         timestamptz NULL,
    duration_ms         bigint NULL,
    state               text NOT NULL,          -- pending, stored, deleted
    path                text NULL,
    size_bytes          bigint NULL,
    stored_at           timestamptz NULL,
    delete_after        timestamptz NULL,
    deleted_at          timestamptz NULL
);
CREATE INDEX ix_voice_recording_chunks_delete ON voice_recording_chunks (delete_after) WHERE state = 'stored';

CREATE TABLE voice_transcript_fragments (
    call_id             text NOT NULL,
    offset_ticks        bigint NOT NULL,
    speaker             text NOT NULL,
    text                text NOT NULL,
    PRIMARY KEY (call_id, offset_ticks, speaker)
);

CREATE TABLE voice_agent_endpoints (
    agent_id      text PRIMARY KEY,
    acs_user_id   text NULL,
    phone_number  text NULL,
    updated_at    timestamptz NOT NULL
);
