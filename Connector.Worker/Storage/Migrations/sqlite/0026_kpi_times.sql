-- SQLite twin of postgres/0026_kpi_times.sql.
ALTER TABLE routing_tasks ADD COLUMN assigned_at TEXT NULL;
CREATE INDEX ix_routing_tasks_created ON routing_tasks (created_at);

CREATE TABLE agent_presence_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id  TEXT NOT NULL,
    at        TEXT NOT NULL,
    channels  TEXT NOT NULL
);
CREATE INDEX ix_agent_presence_log_at ON agent_presence_log (at);
