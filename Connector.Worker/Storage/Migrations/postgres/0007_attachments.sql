-- Files customers sent (WhatsApp media), fetched by a job and shown on their timeline entry.
ALTER TABLE outbox ADD COLUMN payload text NULL;

CREATE TABLE timeline_attachments (
    id                 uuid PRIMARY KEY,
    timeline_event_id  uuid NOT NULL REFERENCES timeline_events (id),
    file_name          text NOT NULL,
    content_type       text NOT NULL,
    size_bytes         bigint NOT NULL,
    path               text NOT NULL,
    created_at         timestamptz NOT NULL,
    UNIQUE (timeline_event_id, path)
);
