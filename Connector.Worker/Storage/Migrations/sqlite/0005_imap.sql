-- Where the IMAP poll stopped in each folder: the next poll reads UIDs above last_uid while uid_validity holds.
-- Keyed by account as well as folder, so that pointing the Worker at another mailbox never reuses a cursor.
CREATE TABLE imap_cursors (
    account       TEXT NOT NULL,
    folder        TEXT NOT NULL,
    uid_validity  INTEGER NOT NULL,
    last_uid      INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (account, folder)
);
