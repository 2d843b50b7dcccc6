-- The same change as sqlite/0003_drops.sql. PostgreSQL can change a primary key in place, so the
-- publications table is altered rather than rebuilt.

-- How many drops each stored release has; every release stored before this was a whole season.
ALTER TABLE releases ADD COLUMN drops BIGINT NOT NULL DEFAULT 1 CHECK (drops >= 1);

-- The drops after the premiere. The premiere (drop 0) is the release row itself, so a
-- whole-season release, the common case, costs no row here.
CREATE TABLE release_drops (
    run_id     BIGINT NOT NULL,
    title      TEXT NOT NULL,
    region     TEXT NOT NULL,
    drop_index BIGINT NOT NULL CHECK (drop_index >= 1),
    date       TEXT NOT NULL,                -- local date, YYYY-MM-DD
    publish_at TEXT NOT NULL,                -- UTC ISO-8601
    PRIMARY KEY (run_id, title, region, drop_index),
    FOREIGN KEY (run_id, title, region) REFERENCES releases (run_id, title, region)
);

-- Each drop of each (title, region) goes live once, ever; what was published before is drop 0,
-- the premiere.
ALTER TABLE publications ADD COLUMN drop_index BIGINT NOT NULL DEFAULT 0 CHECK (drop_index >= 0);
ALTER TABLE publications DROP CONSTRAINT publications_pkey;
ALTER TABLE publications ADD PRIMARY KEY (title, region, drop_index);

-- Every notification is about one drop; those queued before were about premieres.
ALTER TABLE notifications ADD COLUMN drop_index BIGINT NOT NULL DEFAULT 0 CHECK (drop_index >= 0);
