-- SQLite twin of postgres/0021_retention_audit.sql.
CREATE TABLE legal_holds (
    subject_kind  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    set_by        TEXT NOT NULL,
    set_at        TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    subject  TEXT NULL,
    detail   TEXT NOT NULL
);
CREATE INDEX ix_audit_log_kind ON audit_log (kind, id);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, id);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, id);

CREATE INDEX ix_timeline_attachments_created ON timeline_attachments (created_at);
CREATE INDEX ix_timeline_events_at ON timeline_events (at);
CREATE INDEX ix_raw_events_received ON raw_events (received_at);
CREATE INDEX ix_outbox_completed ON outbox (completed_at) WHERE state <> 'pending';
CREATE INDEX ix_routing_decisions_at ON routing_decisions (at);
