-- The HTTP API: runs that it queues and that wait, run and report progress before they finish,
-- and the tokens that its callers present.

-- A run is queued, then running, then done, failed or cancelled; every run stored before this was
-- done when it was stored. SQLite cannot change a CHECK or drop a NOT NULL, so the table is rebuilt
-- the documented way: with foreign keys off (the migration runner turns them off, and checks every
-- reference before it commits), a new table is filled, the old one dropped and the new one renamed.
-- In that order the tables that refer to "runs" keep referring to it, never to "runs_new".
CREATE TABLE runs_new (
    id            INTEGER PRIMARY KEY,
    scenario_id   INTEGER NOT NULL REFERENCES scenarios (id),
    variant       TEXT,
    trigger       TEXT NOT NULL CHECK (trigger IN ('cli', 'nightly', 'compare', 'api')),
    started_at    TEXT NOT NULL,             -- UTC ISO-8601; when it was queued, then when it started
    finished_at   TEXT,                      -- UTC ISO-8601; null while queued or running
    engine        TEXT NOT NULL,
    status        TEXT NOT NULL,
    objective     REAL,
    bound         REAL,
    gap           REAL,
    seconds       REAL NOT NULL,
    verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
    messages      TEXT NOT NULL DEFAULT '',  -- verifier violations or infeasibility reasons, one per line
    release_count INTEGER NOT NULL DEFAULT 0,
    plan_json     TEXT,                      -- the plan file exactly as written; null without a verified plan
    state         TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    progress      TEXT,                      -- JSON: the solver's latest progress report; null before the first
    requested_by  TEXT                       -- who asked for the run through the API ('token:alice'); null otherwise
);
INSERT INTO runs_new (id, scenario_id, variant, trigger, started_at, finished_at, engine, status, objective, bound, gap,
                      seconds, verified, messages, release_count, plan_json)
SELECT id, scenario_id, variant, trigger, started_at, finished_at, engine, status, objective, bound, gap,
       seconds, verified, messages, release_count, plan_json
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;

-- Adding and revoking API tokens is audited too. Nothing refers to the audit log, but its CHECK
-- cannot change either: rebuilt the same way.
CREATE TABLE audit_new (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,                   -- UTC ISO-8601
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('adopt', 'replan', 'publish', 'token-add', 'token-revoke')),
    run_id  INTEGER REFERENCES runs (id),
    details TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_new (id, at, actor, action, run_id, details)
SELECT id, at, actor, action, run_id, details FROM audit;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;

-- The API's callers. Only the SHA-256 of each secret is kept: the secret is shown once, when the
-- token is added, and a stolen copy of the database grants nothing. A revoked token stays listed
-- until its name is given to a new one.
CREATE TABLE api_tokens (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
    secret_sha256 TEXT NOT NULL UNIQUE,      -- lowercase hex
    created_at    TEXT NOT NULL,             -- UTC ISO-8601
    revoked_at    TEXT                       -- UTC ISO-8601; null while the token is active
);
