-- The W3C traceparent of the work that wrote the row (the intake span of the webhook that opened the task), so that
-- the router's decision, the outbox dispatch and the jobs continue that trace, after a restart too. Null without tracing.
ALTER TABLE routing_tasks ADD COLUMN trace_parent text NULL;
ALTER TABLE outbox ADD COLUMN trace_parent text NULL;
