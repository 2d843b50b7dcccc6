-- Weekly and batched titles (docs/scenario-format.md, "Release formats"): a release goes live in several drops, each published
-- once at its own instant.

-- How many drops each stored release has; every release stored before this was a whole season.
ALTER TABLE releases ADD COLUMN drops INTEGER NOT NULL DEFAULT 1 CHECK (drops >= 1);

-- The drops after the premiere. The premiere (drop 0) is the release row itself, so a
-- whole-season release, the common case, costs no row here.
CREATE TABLE release_drops (
    run_id     INTEGER NOT NULL,
    title      TEXT NOT NULL,
    region     TEXT NOT NULL,
    drop_index INTEGER NOT NULL CHECK (drop_index >= 1),
    date       TEXT NOT NULL,                -- local date, YYYY-MM-DD
    publish_at TEXT NOT NULL,                -- UTC ISO-8601
    PRIMARY KEY (run_id, title, region, drop_index),
    FOREIGN KEY (run_id, title, region) REFERENCES releases (run_id, title, region)
) WITHOUT ROWID;

-- Each drop of each (title, region) goes live once, ever. SQLite cannot change a primary key, so
-- the table is rebuilt; what was published before is drop 0, the premiere.
CREATE TABLE publications_by_drop (
    title            TEXT NOT NULL,
    region           TEXT NOT NULL,
    drop_index       INTEGER NOT NULL CHECK (drop_index >= 0),
    run_id           INTEGER NOT NULL REFERENCES runs (id),
    date             TEXT NOT NULL,          -- local date, YYYY-MM-DD
    publish_at       TEXT NOT NULL,          -- the promised instant, UTC ISO-8601
    published_at     TEXT NOT NULL,          -- the actual instant, UTC ISO-8601
    lateness_seconds REAL NOT NULL,
    PRIMARY KEY (title, region, drop_index)
) WITHOUT ROWID;
INSERT INTO publications_by_drop (title, region, drop_index, run_id, date, publish_at, published_at, lateness_seconds)
SELECT title, region, 0, run_id, date, publish_at, published_at, lateness_seconds FROM publications;
DROP TABLE publications;
ALTER TABLE publications_by_drop RENAME TO publications;

-- Every notification is about one drop; those queued before were about premieres.
ALTER TABLE notifications ADD COLUMN drop_index INTEGER NOT NULL DEFAULT 0 CHECK (drop_index >= 0);
