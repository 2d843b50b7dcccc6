-- The same change in both dialects. A planner may tell a running run to finish now, keeping the
-- best plan found so far; whoever asked is kept here for the node solving it to read with its
-- progress reports (a run taken over by another node forgets it: it is solved again from the start).
ALTER TABLE runs ADD COLUMN finish_requested_by TEXT;
