-- Routing: agents and their presence, the router's view of tasks, its explained decisions, commands to the
-- one deciding Worker, and what supervisors see (SLA breaches).
CREATE TABLE agents (
    id                text PRIMARY KEY,
    name              text NOT NULL,
    capacity_profile  text NOT NULL,
    skills            text NOT NULL,      -- JSON object: skill → proficiency 1–10
    languages         text NOT NULL,      -- JSON array
    crm_user_id       text NULL,
    channels          text NOT NULL DEFAULT '',  -- comma-separated channels the agent is online for; empty = offline
    updated_at        timestamptz NOT NULL
);

ALTER TABLE routing_tasks ADD COLUMN journey text NULL;
ALTER TABLE routing_tasks ADD COLUMN queue text NULL;
ALTER TABLE routing_tasks ADD COLUMN offer_expires_at timestamptz NULL;
ALTER TABLE routing_tasks ADD COLUMN wrap_up_until timestamptz NULL;
ALTER TABLE routing_tasks ADD COLUMN sla_breached_at timestamptz NULL;
CREATE INDEX ix_routing_tasks_customer_agent ON routing_tasks (customer_id, updated_at DESC) WHERE assigned_agent_id IS NOT NULL;

CREATE TABLE routing_decisions (
    id           uuid PRIMARY KEY,
    task_id      uuid NOT NULL,
    at           timestamptz NOT NULL,
    channel      text NOT NULL,
    queue        text NOT NULL,
    rule         text NOT NULL,
    task_score   double precision NOT NULL,
    agent_id     text NULL,
    outcome      text NOT NULL,
    candidates   text NOT NULL,   -- JSON array of {agentId, score, eligible, reason}
    decided_by   text NOT NULL    -- the Worker instance that held the router lock
);
CREATE INDEX ix_routing_decisions_task ON routing_decisions (task_id, at);

-- Agent actions reach the one deciding Worker through here, in order, whichever Worker took the request.
CREATE TABLE routing_commands (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL,
    task_id       uuid NULL,
    agent_id      text NULL,
    created_at    timestamptz NOT NULL,
    processed_at  timestamptz NULL,
    result        text NULL
);
CREATE INDEX ix_routing_commands_pending ON routing_commands (id) WHERE processed_at IS NULL;
