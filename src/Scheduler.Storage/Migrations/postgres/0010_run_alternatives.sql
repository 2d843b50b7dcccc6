-- The same change in both dialects. A run found as an alternative to another run's plan (a
-- near-equal plan a planner may prefer) names that run; null for every other run.
ALTER TABLE runs ADD COLUMN alternative_of BIGINT REFERENCES runs (id);
CREATE INDEX runs_alternative_of ON runs (alternative_of);
