-- What the KPIs need that was not kept: when a task was first given to an agent (its answer; handle time runs from
-- here to the task's end), and each change of an agent's presence (logged-in time, the denominator of occupancy).
ALTER TABLE routing_tasks ADD COLUMN assigned_at timestamptz NULL;
CREATE INDEX ix_routing_tasks_created ON routing_tasks (created_at);

CREATE TABLE agent_presence_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id  text NOT NULL,
    at        timestamptz NOT NULL,
    channels  text NOT NULL      -- comma-separated, as agents.channels; empty = offline
);
CREATE INDEX ix_agent_presence_log_at ON agent_presence_log (at);
