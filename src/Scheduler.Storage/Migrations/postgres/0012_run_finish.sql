-- The same change in both dialects. A planner may tell a running run to finish now, keeping the
-- best plan found so far; whoever asked is kept here until the node solving it sees it.
ALTER TABLE runs ADD COLUMN finish_requested_by TEXT;
