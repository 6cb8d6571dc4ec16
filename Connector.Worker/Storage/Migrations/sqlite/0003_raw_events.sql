-- Every webhook event exactly as delivered, kept before anything acts on it (for audit and replay).
CREATE TABLE raw_events (
    event_id     TEXT PRIMARY KEY,
    event_type   TEXT NOT NULL,
    source       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    body         TEXT NOT NULL
);
