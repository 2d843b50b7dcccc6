-- The same change as postgres/0006_solve_jobs.sql. Only columns and a table are added, so nothing
-- is rebuilt.

-- What-if comparisons queued on a cluster: the scenario, the variants asked for (a JSON array of
-- ids, in the order asked; empty for all of them) and whether the variants lean toward the base plan.
-- Its runs (the base, and each valid variant) point to it.
CREATE TABLE comparisons (
    id           INTEGER PRIMARY KEY,
    scenario_id  INTEGER NOT NULL REFERENCES scenarios (id),
    variants     TEXT NOT NULL,
    anchored     INTEGER NOT NULL CHECK (anchored IN (0, 1)),
    requested_by TEXT,                       -- as on runs
    created_at   TEXT NOT NULL               -- UTC ISO-8601
);

-- A queued run is solved by whichever node takes it; a node that dies leaves it to another. The
-- attempt counts the takings: only the latest may report progress or store the outcome, so a run
-- is stored once however often it was taken.
ALTER TABLE runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN node TEXT;                          -- the node of the latest attempt; null until taken
ALTER TABLE runs ADD COLUMN settings TEXT;                      -- JSON: time limit, gap and threads asked for; null for the scenario's
ALTER TABLE runs ADD COLUMN comparison_id INTEGER REFERENCES comparisons (id);

-- A comparison's runs are read together while it is followed.
CREATE INDEX runs_comparison ON runs (comparison_id);
