-- The same change in both dialects. What made each run (its input fingerprint, engine and
-- versions, seed, threads and limits) as JSON, so that a repeatable run can be made again; null
-- for runs stored before this, and until a queued run ends.
ALTER TABLE runs ADD COLUMN provenance TEXT;
