-- A task whose routing keeps failing (the engine or the save throws for it) is quarantined: taken out of routing,
-- shown on /api/tasks with when and why, until an admin releases it. The router never writes over a quarantined row.
ALTER TABLE routing_tasks ADD COLUMN quarantined_at TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN quarantine_reason TEXT NULL;
