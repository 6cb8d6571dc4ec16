-- Files customers sent (WhatsApp media), fetched by a job and shown on their timeline entry.
ALTER TABLE outbox ADD COLUMN payload TEXT NULL;

CREATE TABLE timeline_attachments (
    id                 TEXT PRIMARY KEY,
    timeline_event_id  TEXT NOT NULL REFERENCES timeline_events (id),
    file_name          TEXT NOT NULL,
    content_type       TEXT NOT NULL,
    size_bytes         INTEGER NOT NULL,
    path               TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    UNIQUE (timeline_event_id, path)
);
