-- How many agents the router looked at for a decision (it lists only the first few and the one it chose).
ALTER TABLE routing_decisions ADD COLUMN candidates_considered integer NOT NULL DEFAULT 0;

-- Agents who declined a task, missed its offer or whose line did not answer (JSON array): never offered it again,
-- also by a router that takes over.
ALTER TABLE routing_tasks ADD COLUMN declined_by text NOT NULL DEFAULT '[]';
