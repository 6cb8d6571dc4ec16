-- What clients of a stream confirmed moves to a row of its own, apart from the row writers number their messages
-- under (see the PostgreSQL migration); push_streams.acked_seq is no longer read.
CREATE TABLE push_acks (
    stream     TEXT PRIMARY KEY,
    acked_seq  INTEGER NOT NULL
);
INSERT INTO push_acks (stream, acked_seq) SELECT stream, acked_seq FROM push_streams WHERE acked_seq > 0;
