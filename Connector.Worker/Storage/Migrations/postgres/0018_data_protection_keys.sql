-- The Data Protection key ring that protects session and antiforgery cookies, shared by every Worker of the store so
-- that a cookie made by one is read by all, and kept across restarts so that nobody is signed out by a deployment.
CREATE TABLE data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL
);
