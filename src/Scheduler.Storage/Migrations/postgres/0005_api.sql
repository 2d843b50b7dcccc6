-- The same change as sqlite/0005_api.sql. PostgreSQL changes constraints and columns in place, so
-- nothing is rebuilt.

-- A run is queued, then running, then done, failed or cancelled; every run stored before this was
-- done when it was stored.
ALTER TABLE runs DROP CONSTRAINT runs_trigger_check;
ALTER TABLE runs ADD CONSTRAINT runs_trigger_check CHECK (trigger IN ('cli', 'nightly', 'compare', 'api'));
ALTER TABLE runs ALTER COLUMN finished_at DROP NOT NULL;        -- null while queued or running
ALTER TABLE runs ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled'));
ALTER TABLE runs ADD COLUMN progress TEXT;                      -- JSON: the solver's latest progress report; null before the first
ALTER TABLE runs ADD COLUMN requested_by TEXT;                  -- who asked for the run through the API ('token:alice'); null otherwise

-- Adding and revoking API tokens is audited too.
ALTER TABLE audit DROP CONSTRAINT audit_action_check;
ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN ('adopt', 'replan', 'publish', 'token-add', 'token-revoke'));

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
