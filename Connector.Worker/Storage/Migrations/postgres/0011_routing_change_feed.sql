-- The router's change feed reads the tasks changed since its last tick.
CREATE INDEX ix_routing_tasks_updated ON routing_tasks (updated_at);
