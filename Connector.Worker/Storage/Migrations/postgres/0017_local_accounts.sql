-- Local accounts: who signs in with a password when no OpenID provider is configured (the embedded default).
-- The password is kept as ASP.NET Core Identity's hash only; a disabled account keeps its row, so that what it did
-- stays attributable.
CREATE TABLE local_accounts (
    id               text PRIMARY KEY,
    email            text NOT NULL,           -- lower case; what the person signs in with
    display_name     text NOT NULL,
    password_hash    text NOT NULL,           -- PasswordHasher (PBKDF2), never the password
    role             text NOT NULL,           -- agent | supervisor | admin
    failed_sign_ins  integer NOT NULL DEFAULT 0,  -- wrong passwords in a row; reset by a right one
    locked_until     timestamptz NULL,        -- set when failed_sign_ins reaches the limit
    created_at       timestamptz NOT NULL,
    disabled_at      timestamptz NULL
);
CREATE UNIQUE INDEX ux_local_accounts_email ON local_accounts (email);
