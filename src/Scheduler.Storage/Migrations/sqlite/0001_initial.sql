-- Scenario documents, content-addressed: the same bytes are stored once.
CREATE TABLE scenarios (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    submitted_at TEXT NOT NULL,              -- UTC ISO-8601
    content      BLOB NOT NULL
);
CREATE INDEX scenarios_by_name ON scenarios (name, submitted_at);

-- One planning run: what was asked, how it ended, and the verifier's verdict.
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    scenario_id   INTEGER NOT NULL REFERENCES scenarios (id),
    variant       TEXT,
    trigger       TEXT NOT NULL CHECK (trigger IN ('cli', 'nightly', 'compare')),
    started_at    TEXT NOT NULL,             -- UTC ISO-8601
    finished_at   TEXT NOT NULL,             -- UTC ISO-8601
    engine        TEXT NOT NULL,
    status        TEXT NOT NULL,
    objective     REAL,
    bound         REAL,
    gap           REAL,
    seconds       REAL NOT NULL,
    verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
    messages      TEXT NOT NULL DEFAULT '',  -- verifier violations or infeasibility reasons, one per line
    release_count INTEGER NOT NULL DEFAULT 0,
    plan_json     TEXT                       -- the plan file exactly as written; null without a verified plan
);

-- Every release of every stored plan.
CREATE TABLE releases (
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    title      TEXT NOT NULL,
    region     TEXT NOT NULL,
    date       TEXT NOT NULL,                -- local date, YYYY-MM-DD
    publish_at TEXT NOT NULL,                -- UTC ISO-8601
    mode       TEXT NOT NULL,
    value      REAL NOT NULL,
    PRIMARY KEY (run_id, title, region)
) WITHOUT ROWID;

-- The plan of record: one pointer, switched in one statement.
CREATE TABLE plan_of_record (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    adopted_at TEXT NOT NULL
);

-- Who did what, when.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,                   -- UTC ISO-8601
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('adopt', 'replan', 'publish')),
    run_id  INTEGER REFERENCES runs (id),
    details TEXT NOT NULL DEFAULT ''
);
