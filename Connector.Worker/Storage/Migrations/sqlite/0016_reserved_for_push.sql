-- Placeholder so that the signin branch runs on its own (migrations are numbered without gaps): 0016 belongs to
-- the push branch. Delete this file (and its postgres twin) when merging the push branch's 0016.
SELECT 1;
