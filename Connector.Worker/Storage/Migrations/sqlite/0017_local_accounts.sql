-- SQLite twin of postgres/0017_local_accounts.sql.
-- Local accounts: who signs in with a password when no OpenID provider is configured (the embedded default).
CREATE TABLE local_accounts (
    id               TEXT PRIMARY KEY,
    email            TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    created_at       TEXT NOT NULL,
    disabled_at      TEXT NULL
);
CREATE UNIQUE INDEX ux_local_accounts_email ON local_accounts (email);
