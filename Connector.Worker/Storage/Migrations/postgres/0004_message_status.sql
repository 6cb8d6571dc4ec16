-- Outbound messages move through sent → delivered → read (or failed); replies thread by the channel's ids.
ALTER TABLE timeline_events ADD COLUMN delivery_status text NULL;
CREATE INDEX ix_timeline_events_external_ref ON timeline_events (external_ref) WHERE external_ref IS NOT NULL;
