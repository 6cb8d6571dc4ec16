-- Every webhook event exactly as delivered, kept before anything acts on it (for audit and replay).
CREATE TABLE raw_events (
    event_id     text PRIMARY KEY,
    event_type   text NOT NULL,
    source       text NOT NULL,
    received_at  timestamptz NOT NULL,
    body         text NOT NULL
);
