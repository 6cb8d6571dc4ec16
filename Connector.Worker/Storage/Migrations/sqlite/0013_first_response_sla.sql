-- First-response SLA (charter channels.*.firstResponseWithin): when an agent first wrote to the customer, and when the
-- task missed the target without it. A router rebuilt from the store neither times an answered task nor counts a
-- breach twice.
ALTER TABLE routing_tasks ADD COLUMN first_responded_at TEXT NULL;
ALTER TABLE routing_tasks ADD COLUMN first_response_breached_at TEXT NULL;
