-- Legal holds (a customer or a conversation whose data retention must not purge) and the audit log (who read a
-- recording or transcript, who changed agents, keys and holds, and each purge).
CREATE TABLE legal_holds (
    subject_kind  text NOT NULL,            -- customer | conversation
    subject_id    uuid NOT NULL,
    reason        text NOT NULL,
    set_by        text NOT NULL,
    set_at        timestamptz NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);

CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- the paging key: newest first
    at       timestamptz NOT NULL,
    actor    text NOT NULL,             -- agent:{id}, key:{id} (key:admin: the bootstrap key), person:{name}, retention
    kind     text NOT NULL,             -- recording.played, transcript.read, agent.changed, key.issued, key.revoked, legalHold.set, legalHold.removed, purge
    subject  text NULL,                 -- what it is about: conversation:{id}, customer:{id}, agent:{id}, key:{id}
    detail   text NOT NULL              -- JSON object
);
CREATE INDEX ix_audit_log_kind ON audit_log (kind, id);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, id);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, id);

-- What retention scans, oldest first.
CREATE INDEX ix_timeline_attachments_created ON timeline_attachments (created_at);
CREATE INDEX ix_timeline_events_at ON timeline_events (at);
CREATE INDEX ix_raw_events_received ON raw_events (received_at);
CREATE INDEX ix_outbox_completed ON outbox (completed_at) WHERE state <> 'pending';
CREATE INDEX ix_routing_decisions_at ON routing_decisions (at);
