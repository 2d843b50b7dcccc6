-- Who stored a scenario version (a planner saving it from the page, 'scheduler submit'); null for
-- the versions stored before this schema and for those stored beside a run.
ALTER TABLE scenarios ADD COLUMN submitted_by TEXT;

-- Saving a scenario version is audited. SQLite cannot change a CHECK: the audit log is rebuilt, as
-- in 0005 (nothing refers to it).
CREATE TABLE audit_new (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,                   -- UTC ISO-8601
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('adopt', 'replan', 'publish', 'token-add', 'token-revoke', 'scenario-save')),
    run_id  INTEGER REFERENCES runs (id),
    details TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_new (id, at, actor, action, run_id, details)
SELECT id, at, actor, action, run_id, details FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
