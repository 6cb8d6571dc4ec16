-- Placeholder on branch 'reply' only: 0021 is another branch's migration. Drop this file when merging.
SELECT 1;
