-- SQLite twin of postgres/0028_voice_service_number.sql.
ALTER TABLE voice_calls ADD COLUMN service_number TEXT NULL;
