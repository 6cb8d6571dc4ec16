-- Where the IMAP poll stopped in each folder: the next poll reads UIDs above last_uid while uid_validity holds.
-- Keyed by account as well as folder, so that pointing the Worker at another mailbox never reuses a cursor.
CREATE TABLE imap_cursors (
    account       text NOT NULL,
    folder        text NOT NULL,
    uid_validity  bigint NOT NULL,
    last_uid      bigint NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (account, folder)
);
