-- Feed tokens: a calendar app cannot send a bearer header, so an iCalendar feed's URL carries its
-- own secret, of a role that reads feeds and nothing else. SQLite cannot change a CHECK in place:
-- the table is copied into one that allows the new role.
CREATE TABLE api_tokens_new (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin', 'feed')),
    secret_sha256 TEXT NOT NULL UNIQUE,      -- lowercase hex
    created_at    TEXT NOT NULL,             -- UTC ISO-8601
    revoked_at    TEXT                       -- UTC ISO-8601; null while the token is active
);
INSERT INTO api_tokens_new (name, role, secret_sha256, created_at, revoked_at)
    SELECT name, role, secret_sha256, created_at, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
