-- The contact centre's number on a call: the number the customer called (the IncomingCall event's `to`), or the
-- caller id an outbound call showed. The CRM activity of the call carries it (Zendesk's voice_comment needs its `to`).
-- Null for calls older than this column and for calls to an ACS identity rather than a phone number.
ALTER TABLE voice_calls ADD COLUMN service_number text NULL;
