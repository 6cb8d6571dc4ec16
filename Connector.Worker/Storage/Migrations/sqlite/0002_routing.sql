-- SQLite twin of postgres/0002_routing.sql.
-- Routing: agents and their presence, the router's view of tasks, its explained decisions, commands to the
-- one deciding Worker, and what supervisors see (SLA breaches).
CREATE TABLE agents (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    capacity_profile  TEXT NOT NULL,
    skills            TEXT NOT NULL,      -- JSON object: skill → proficiency 1–10
    languages         TEXT NOT NULL,      -- JSON array
    crm_user_id       TEXT NULL,
    channels          TEXT NOT NULL DEFAULT '',  -- comma-separated channels the agent is online for; empty = offline
    updated_at        TEXT NOT NULL
);

ALTER TABLE routing_tasks ADD COLUMN journey TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN queue TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN offer_expires_at TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN wrap_up_until TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN sla_breached_at TEXT NULL;
CREATE INDEX ix_routing_tasks_customer_agent ON routing_tasks (customer_id, updated_at DESC) WHERE assigned_agent_id IS NOT NULL;

CREATE TABLE routing_decisions (
    id           TEXT PRIMARY KEY,
    task_id      TEXT NOT NULL,
    at           TEXT NOT NULL,
    channel      TEXT NOT NULL,
    queue        TEXT NOT NULL,
    rule         TEXT NOT NULL,
    task_score   REAL NOT NULL,
    agent_id     TEXT NULL,
    outcome      TEXT NOT NULL,
    candidates   TEXT NOT NULL,   -- JSON array of {agentId, score, eligible, reason}
    decided_by   TEXT NOT NULL    -- the Worker instance that held the router lock
);
CREATE INDEX ix_routing_decisions_task ON routing_decisions (task_id, at);

-- Agent actions reach the one deciding Worker through here, in order, whichever Worker took the request.
CREATE TABLE routing_commands (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    task_id       TEXT NULL,
    agent_id      TEXT NULL,
    created_at    TEXT NOT NULL,
    processed_at  TEXT NULL,
    result        TEXT NULL
);
CREATE INDEX ix_routing_commands_pending ON routing_commands (id) WHERE processed_at IS NULL;
