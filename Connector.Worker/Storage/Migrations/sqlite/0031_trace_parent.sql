-- SQLite twin of postgres/0031_trace_parent.sql.
ALTER TABLE routing_tasks ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
