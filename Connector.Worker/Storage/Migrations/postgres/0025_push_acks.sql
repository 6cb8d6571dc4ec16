-- What clients of a stream confirmed moves to a row of its own: an acknowledgement updated the stream's push_streams
-- row, which every writer to the stream locks to number its messages (the router's cycle holds the rows of all the
-- agents it offers to), so acknowledgements and writers waited for each other. push_streams.acked_seq is no longer read.
CREATE TABLE push_acks (
    stream     text PRIMARY KEY,
    acked_seq  bigint NOT NULL
);
INSERT INTO push_acks (stream, acked_seq) SELECT stream, acked_seq FROM push_streams WHERE acked_seq > 0;
