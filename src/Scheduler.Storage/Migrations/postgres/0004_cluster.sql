-- The same change as sqlite/0004_cluster.sql: several serve nodes on one database.

-- Which node published each drop; publications from before this were made by the one node there was.
ALTER TABLE publications ADD COLUMN node TEXT;

-- A node delivering notifications claims them first, for a while, so that two nodes never deliver
-- the same one at once; a claim left by a node that died runs out and another node takes it.
ALTER TABLE notifications ADD COLUMN claimed_by TEXT;
ALTER TABLE notifications ADD COLUMN claimed_until BIGINT;       -- Unix milliseconds
