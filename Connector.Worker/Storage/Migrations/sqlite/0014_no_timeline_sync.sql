-- timeline.sync had no CRM record of its own under any provider (messages reach the CRM in the interaction logged at
-- wrap-up), so the kind is no longer written and has no handler. Rows left by earlier versions are finished here
-- instead of being dead-lettered as unknown work.
UPDATE outbox SET state = 'done', completed_at = created_at, lease_until = NULL
WHERE kind = 'timeline.sync' AND state <> 'done';
