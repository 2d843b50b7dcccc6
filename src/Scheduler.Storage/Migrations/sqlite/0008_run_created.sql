-- The same change in both dialects. When a run was created (queued, or planned here) never
-- changes: started_at moves when a node takes a queued run, and the list's "created" used the
-- finish once there was one. Runs stored before this get their start, the nearest thing kept.
ALTER TABLE runs ADD COLUMN created_at TEXT;
UPDATE runs SET created_at = started_at;
