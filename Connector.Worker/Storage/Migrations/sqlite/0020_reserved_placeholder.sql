-- Placeholder on branch 'retain' only: 0020 is another branch's migration. Drop this file when merging.
SELECT 1;
