-- Intake writes a customer's contact.sync row only when none of theirs waits unclaimed, and the CRM sync defers a
-- customer's other rows while one of theirs runs: both look rows up by customer, which without this index read
-- every pending row.
CREATE INDEX ix_outbox_customer ON outbox (customer_id, kind) WHERE state = 'pending';
